namespace Portal.Core.Trust;

/// <summary>Kendall's rank correlation between two rankings, as scipy.stats.kendalltau computes it by default (tau-b).</summary>
public static class KendallTau
{
    /// <summary>
    /// Kendall's tau-b of the paired values <paramref name="x"/> and <paramref name="y"/> (scores or ranks, one pair
    /// per team): (P - Q) / sqrt((n0 - n1)(n0 - n2)) over the n0 = n(n - 1)/2 pairs, P concordant, Q discordant, n1
    /// and n2 the pairs tied in x and in y. In [-1, 1]; null when undefined (fewer than two pairs, or every value of
    /// x or of y the same), where scipy returns nan. O(n^2): a board has hundreds of teams, not millions.
    /// Throws <see cref="ArgumentException"/> when the lengths differ.
    /// </summary>
    public static double? TauB(ReadOnlySpan<double> x, ReadOnlySpan<double> y)
    {
        if (x.Length != y.Length)
        {
            throw new ArgumentException("Both rankings must have one value per team.", nameof(y));
        }

        long concordant = 0, discordant = 0, tiedX = 0, tiedY = 0;
        for (var i = 0; i < x.Length; i++)
        {
            for (var j = i + 1; j < x.Length; j++)
            {
                var dx = Math.Sign(x[i] - x[j]);
                var dy = Math.Sign(y[i] - y[j]);
                tiedX += dx == 0 ? 1 : 0;
                tiedY += dy == 0 ? 1 : 0;
                var product = dx * dy;
                concordant += product > 0 ? 1 : 0;
                discordant += product < 0 ? 1 : 0;
            }
        }

        var pairs = (long)x.Length * (x.Length - 1) / 2;
        var denominator = Math.Sqrt((double)(pairs - tiedX) * (pairs - tiedY));
        return denominator == 0 ? null : (concordant - discordant) / denominator;
    }
}
