using Portal.Core.Comparison;

namespace Portal.Core.Trust;

/// <summary>
/// Score intervals and tiers for a whole board: each row's macro F1 with its seeded percentile bootstrap interval,
/// and bands of rows whose differences are within noise, all from one paired bootstrap over the board's images
/// (<see cref="BootstrapScores"/>: every row scored on the same resamples).
/// </summary>
/// <remarks>
/// <para>
/// The tier rule, "tied with the tier's leader": walking the board from the top, row i joins the current tier when
/// the paired interval of macro F1(leader) - macro F1(row i) contains 0, the leader being the tier's first row;
/// otherwise row i starts a new tier and leads it. So every row of a tier is statistically tied with the tier's
/// first row, and two rows in different tiers are not both tied with one leader.
/// </para>
/// <para>
/// Why not chain consecutive rows (row i joins the tier above whenever its interval to row i - 1 contains 0):
/// "not significantly different" is not transitive. On a board of 100 teams whose neighbours are a few thousandths
/// apart, nearly every adjacent difference is within noise, so chaining merges the whole board into one tier,
/// including rows that are clearly different, and says nothing. Tiers anchored at their leader keep each band as
/// wide as the noise (roughly two standard errors of a difference) however dense the board. The same concern drives
/// the ranking-robustness analyses of Maier-Hein et al., "Why rankings of biomedical image analysis competitions
/// should be interpreted with care", Nat. Commun. 9, 5217 (2018), and of their challengeR toolkit (Wiesenfarth et
/// al., Sci. Rep. 11, 2369 (2021)): a rank is an estimate, and which differences are real must be tested, not read
/// off neighbouring positions. Each row still carries its interval to the row above (<see cref="TieredRow.ToRowAbove"/>).
/// </para>
/// <para>
/// Leak safety: every number here is a macro F1 or a difference or percentile of macro F1 values, each a function of
/// one submission's confusion counts (C x C aggregates) under a resampling of the images; the board reveals no
/// per-image correctness, as for <see cref="BootstrapScores"/>.
/// </para>
/// </remarks>
public static class BoardTiers
{
    /// <summary>
    /// Intervals and tiers for <paramref name="rows"/>, the labels of each row's submission in board order (best
    /// first), on the images of <paramref name="truth"/> (the public split during the competition, the private one
    /// after close). Throws as <see cref="BootstrapScores.Compute"/> does, and <see cref="ArgumentOutOfRangeException"/>
    /// for a confidence outside (0, 1).
    /// </summary>
    public static TieredBoard Compute(
        ReadOnlySpan<byte> truth, IReadOnlyList<ReadOnlyMemory<byte>> rows, int classCount,
        int resamples = 1000, ulong seed = 42, double confidence = 0.95) =>
        FromScores(BootstrapScores.Compute(truth, rows, classCount, resamples, seed), confidence);

    /// <summary>Intervals and tiers from resampled scores already computed, their submissions taken as rows in board order.</summary>
    public static TieredBoard FromScores(BootstrapScores scores, double confidence = 0.95)
    {
        ArgumentNullException.ThrowIfNull(scores);
        var rows = new TieredRow[scores.Count];
        var tier = 0;
        var leader = 0;
        for (var i = 0; i < rows.Length; i++)
        {
            var interval = scores.Interval(i, confidence);
            if (i == 0)
            {
                rows[i] = new TieredRow(0, interval, null, null, null, ++tier);
                continue;
            }

            var toAbove = scores.Difference(i, i - 1, confidence);
            var againstLeader = leader == i - 1 ? toAbove : scores.Difference(i, leader, confidence);
            var comparedWith = leader;
            if (againstLeader.BeyondNoise)
            {
                tier++;
                leader = i;
            }

            rows[i] = new TieredRow(i, interval, toAbove, comparedWith, againstLeader, tier);
        }

        return new TieredBoard(rows, scores.Resamples, scores.Seed, confidence);
    }
}
