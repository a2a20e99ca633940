namespace Portal.Application.Trust;

/// <summary>
/// One suspected label error: the image, its label in the truth, the label most voters give it, the votes, the mean
/// confidence in the consensus (null without probabilities), each attribute that differs as "axis: truth → consensus",
/// and the two labels as class indices (<see cref="Truth"/> and <see cref="Consensus"/> are their names).
/// </summary>
public sealed record LabelAuditRow(
    string ImageId, string Truth, string Consensus, int Votes, int Voters, double Agreement, double? MeanConfidence, IReadOnlyList<string> Differing,
    int TruthClass, int ConsensusClass);
