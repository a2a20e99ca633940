namespace Portal.Application.Leaderboards;

/// <summary>A team's best public score over time: one point per improvement.</summary>
public sealed record ScoreTimelineSeries(string TeamName, IReadOnlyList<(DateTime AtUtc, double Score)> Points);
