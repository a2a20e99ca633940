namespace Portal.Core.Scoring;

/// <summary>
/// The leaderboard rules: one row per team, ranked by macro F1 (higher first, ties to the earlier
/// submission); host baselines are placed by score but not ranked.
/// </summary>
public static class LeaderboardRanking
{
    /// <summary>The public board: each team's best public score.</summary>
    public static IReadOnlyList<LeaderboardRow> Public(IEnumerable<LeaderboardEntry> entries) => Public(entries, null);

    /// <summary>
    /// The public board when only some scores are shown (the ladder, <see cref="Trust.Ladder"/>): each team's row is its
    /// best shown score, <paramref name="shown"/>[submission id], among the submissions that have one; a team with none
    /// shown keeps no row. A null <paramref name="shown"/> is the plain board.
    /// </summary>
    public static IReadOnlyList<LeaderboardRow> Public(IEnumerable<LeaderboardEntry> entries, IReadOnlyDictionary<int, double>? shown)
    {
        ArgumentNullException.ThrowIfNull(entries);
        double ScoreOf(LeaderboardEntry e) => shown is null ? e.PublicScore : shown[e.SubmissionId];
        var rows = entries
            .GroupBy(e => e.TeamId)
            .Where(team => shown is null || team.Any(e => shown.ContainsKey(e.SubmissionId)))
            .Select(team =>
            {
                var best = team.Where(e => shown is null || shown.ContainsKey(e.SubmissionId))
                    .OrderByDescending(ScoreOf).ThenBy(e => e.SubmittedAtUtc).ThenBy(e => e.SubmissionId).First();
                return new LeaderboardRow(null, best.TeamId, best.TeamName, best.IsBaseline, best.SubmissionId, best.SubmittedAtUtc, ScoreOf(best), team.Count());
            });
        return Rank(rows);
    }

    /// <summary>
    /// The private board after close: each team is judged by its selected finals (its best
    /// <paramref name="finalsAllowed"/> public submissions when it selected none) and ranked by the
    /// best private score among them, with its move from the public board (the board as shown: <paramref name="shown"/>
    /// as in <see cref="Public(IEnumerable{LeaderboardEntry}, IReadOnlyDictionary{int, double}?)"/>).
    /// </summary>
    public static IReadOnlyList<LeaderboardRow> Private(IEnumerable<LeaderboardEntry> entries, int finalsAllowed, IReadOnlyDictionary<int, double>? shown = null)
    {
        ArgumentNullException.ThrowIfNull(entries);
        var all = entries.ToList();
        var publicRanks = Public(all, shown).Where(r => r.Rank is not null).ToDictionary(r => r.TeamId, r => r.Rank!.Value);
        var rows = all
            .Where(e => e.PrivateScore is not null)
            .GroupBy(e => e.TeamId)
            .Select(team =>
            {
                var candidates = PrivateCandidates(team, finalsAllowed);
                var best = candidates.OrderByDescending(e => e.PrivateScore).ThenBy(e => e.SubmittedAtUtc).ThenBy(e => e.SubmissionId).First();
                return new LeaderboardRow(null, best.TeamId, best.TeamName, best.IsBaseline, best.SubmissionId, best.SubmittedAtUtc, best.PrivateScore!.Value, team.Count());
            });
        return Rank(rows)
            .Select(r => r.Rank is int rank && publicRanks.TryGetValue(r.TeamId, out var before) ? r with { RankChange = before - rank } : r)
            .ToList();
    }

    /// <summary>
    /// The submissions of one team that count for the private board: its selected finals, or its best
    /// <paramref name="finalsAllowed"/> by public score when it selected none.
    /// </summary>
    public static IReadOnlyList<LeaderboardEntry> PrivateCandidates(IEnumerable<LeaderboardEntry> team, int finalsAllowed)
    {
        ArgumentNullException.ThrowIfNull(team);
        var all = team.ToList();
        var finals = all.Where(e => e.IsFinal).ToList();
        return finals.Count > 0
            ? finals
            : all.OrderByDescending(e => e.PublicScore).ThenBy(e => e.SubmittedAtUtc).Take(Math.Max(1, finalsAllowed)).ToList();
    }

    private static List<LeaderboardRow> Rank(IEnumerable<LeaderboardRow> rows)
    {
        var ordered = rows.OrderByDescending(r => r.Score).ThenBy(r => r.SubmittedAtUtc).ThenBy(r => r.SubmissionId).ToList();
        var next = 1;
        for (var i = 0; i < ordered.Count; i++)
        {
            if (!ordered[i].IsBaseline)
            {
                ordered[i] = ordered[i] with { Rank = next++ };
            }
        }

        return ordered;
    }
}
