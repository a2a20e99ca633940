namespace Portal.Cli.Output.Json;

/// <summary>
/// One suspect of <see cref="AuditJson.Suspects"/>: the image, its label in the truth, the label most submissions give
/// it, their share and count, the mean probability of that label (absent without probabilities) and the attributes
/// that differ.
/// </summary>
internal sealed record AuditSuspectJson(
    string ImageId,
    int Truth,
    string TruthName,
    int Consensus,
    string ConsensusName,
    double Agreement,
    int Votes,
    double? MeanConfidence,
    IReadOnlyList<string> DifferingAttributes);
