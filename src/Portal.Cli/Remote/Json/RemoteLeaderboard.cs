namespace Portal.Cli.Remote.Json;

/// <summary>A board as <c>GET /api/v1/competitions/{slug}/leaderboard</c> gives it: "public" or "private", rows best first.</summary>
internal sealed record RemoteLeaderboard(string Board, IReadOnlyList<RemoteLeaderboardRow> Rows);
