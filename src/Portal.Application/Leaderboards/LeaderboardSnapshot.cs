using Portal.Core.Scoring;

namespace Portal.Application.Leaderboards;

/// <summary>
/// A competition's boards at one <see cref="Data.Entities.Competition.BoardVersion"/>: every scored entry (for the
/// timeline) and both rankings, computed once and shared by every reader of that version.
/// </summary>
public sealed record LeaderboardSnapshot(IReadOnlyList<LeaderboardEntry> Entries, IReadOnlyList<LeaderboardRow> Public, IReadOnlyList<LeaderboardRow> Private)
{
    /// <summary>Under ladder mode, the score shown for each submission that set one (by id); null when the ladder is off.</summary>
    public IReadOnlyDictionary<int, double>? Shown { get; init; }

    /// <summary>The ladder's rule for the public board, or null when the ladder is off.</summary>
    public string? LadderRule { get; init; }

    /// <summary>How many finals a team may select, as the private board was ranked with.</summary>
    public int FinalsAllowed { get; init; } = 1;

    /// <summary>The boards of a competition with no scored submission (or no competition).</summary>
    public static LeaderboardSnapshot Empty { get; } = new([], [], []);
}
