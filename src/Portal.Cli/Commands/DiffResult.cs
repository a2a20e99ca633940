using Portal.Core.Comparison;

namespace Portal.Cli.Commands;

/// <summary>What <c>portal diff</c> found: the label-free comparison and, with the truth, the scored one.</summary>
internal sealed record DiffResult(string PathA, string PathB, Agreement Agreement, TruthComparison? Truth);
