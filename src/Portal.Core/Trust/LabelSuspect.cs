namespace Portal.Core.Trust;

/// <summary>
/// An image whose label the strong submissions dispute: its position in the hidden set, its label in the truth, the
/// label most submissions give it (<see cref="Consensus"/>, by <see cref="Votes"/> of the submissions, a share
/// <see cref="Agreement"/> in (0.5, 1]), the mean probability the submissions with probabilities give the consensus
/// label (null when none has probabilities), and the names of the attribute axes on which truth and consensus differ
/// (for the mask task: mask, gender, age; empty without axes).
/// </summary>
public sealed record LabelSuspect(
    int Image,
    int Truth,
    int Consensus,
    int Votes,
    double Agreement,
    double? MeanConfidence,
    IReadOnlyList<string> DifferingAttributes);
