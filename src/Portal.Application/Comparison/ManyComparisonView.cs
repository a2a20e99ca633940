namespace Portal.Application.Comparison;

/// <summary>
/// Several submissions compared: the pairwise disagreement rates (members and matrix in clustered order
/// when asked) and how many images they all label alike; against the truth only where allowed:
/// the oracle rate (share of images at least one member gets right) and each member's score over
/// <see cref="JudgedScope"/>, else <see cref="JudgedUnavailable"/> says why not.
/// </summary>
public sealed record ManyComparisonView(
    int CompetitionId,
    IReadOnlyList<ManyComparisonMember> Members,
    double[][] Disagreement,
    long Images,
    long Unanimous,
    string? JudgedScope,
    long JudgedImages,
    double? OracleRate,
    string? JudgedUnavailable);
