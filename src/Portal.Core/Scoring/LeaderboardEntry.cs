namespace Portal.Core.Scoring;

/// <summary>One scored submission as the leaderboard sees it.</summary>
public sealed record LeaderboardEntry(
    int TeamId,
    string TeamName,
    bool IsBaseline,
    int SubmissionId,
    DateTime SubmittedAtUtc,
    double PublicScore,
    double? PrivateScore,
    bool IsFinal);
