namespace Portal.Core.Scoring;

/// <summary>
/// One team's line on a board. <see cref="Rank"/> is null for host baselines, which are shown
/// but not ranked. On the private board, <see cref="RankChange"/> is public rank minus private
/// rank (positive: the team moved up).
/// </summary>
public sealed record LeaderboardRow(
    int? Rank,
    int TeamId,
    string TeamName,
    bool IsBaseline,
    int SubmissionId,
    DateTime SubmittedAtUtc,
    double Score,
    int Entries,
    int? RankChange = null);
