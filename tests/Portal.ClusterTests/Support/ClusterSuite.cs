namespace Portal.ClusterTests.Support;

/// <summary>
/// Every cluster test shares one cluster (one <c>tools/cluster.sh up</c> for the run) and runs one at a time: the fault
/// tests kill processes, and start them again before they end.
/// </summary>
[CollectionDefinition(nameof(ClusterSuite), DisableParallelization = true)]
public sealed class ClusterSuite : ICollectionFixture<PortalCluster>;
