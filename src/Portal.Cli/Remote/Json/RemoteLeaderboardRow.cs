namespace Portal.Cli.Remote.Json;

/// <summary>One board row: rank null for a host baseline (shown, not ranked), score macro F1, rank change on the private board after close.</summary>
internal sealed record RemoteLeaderboardRow(int? Rank, string Team, double Score, int Entries, DateTime SubmittedAtUtc, bool Baseline, int? RankChange);
