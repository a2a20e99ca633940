using Portal.Core.Scoring;

namespace Portal.Application.Leaderboards;

/// <summary>A board ready to show, or the reason it cannot be shown.</summary>
public sealed record LeaderboardView(BoardKind Board, IReadOnlyList<LeaderboardRow> Rows, bool PrivateAvailable, string? Unavailable = null);
