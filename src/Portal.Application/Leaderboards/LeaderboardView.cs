using Portal.Core.Scoring;

namespace Portal.Application.Leaderboards;

/// <summary>A board ready to show, or the reason it cannot be shown; <paramref name="Ladder"/> is the ladder's rule when the public board is under it.</summary>
public sealed record LeaderboardView(BoardKind Board, IReadOnlyList<LeaderboardRow> Rows, bool PrivateAvailable, string? Unavailable = null, string? Ladder = null);
