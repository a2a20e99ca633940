namespace Portal.Core.Comparison;

/// <summary>
/// Which of two submissions gets each image right, and the exact McNemar p-value of the
/// disagreements (two-sided binomial test of OnlyACorrect against OnlyBCorrect at 1/2).
/// </summary>
public sealed record McNemarTable(long BothCorrect, long OnlyACorrect, long OnlyBCorrect, long BothWrong, double PValue)
{
    /// <summary>Counts the four cells and computes the exact p-value.</summary>
    public static McNemarTable Compute(ReadOnlySpan<byte> truth, ReadOnlySpan<byte> a, ReadOnlySpan<byte> b)
    {
        if (truth.Length != a.Length || truth.Length != b.Length)
        {
            throw new ArgumentException("All three labellings must cover the same images.", nameof(b));
        }

        long both = 0, onlyA = 0, onlyB = 0, neither = 0;
        for (var i = 0; i < truth.Length; i++)
        {
            var aRight = a[i] == truth[i];
            var bRight = b[i] == truth[i];
            if (aRight && bRight)
            {
                both++;
            }
            else if (aRight)
            {
                onlyA++;
            }
            else if (bRight)
            {
                onlyB++;
            }
            else
            {
                neither++;
            }
        }

        return new McNemarTable(both, onlyA, onlyB, neither, ExactPValue(onlyA, onlyB));
    }

    /// <summary>
    /// The two-sided exact binomial p-value of <paramref name="b"/> against <paramref name="c"/>:
    /// min(1, 2 P(X &lt;= min(b, c))) for X ~ Binomial(b + c, 1/2), summed in log space so that
    /// large counts neither underflow nor lose precision.
    /// </summary>
    public static double ExactPValue(long b, long c)
    {
        var n = b + c;
        if (n == 0)
        {
            return 1;
        }

        var m = Math.Min(b, c);
        var logHalfPowerN = -n * Math.Log(2);

        // Terms C(n,k)/2^n rise with k up to n/2, so the last term (k = m) is the largest.
        var logTerms = new double[m + 1];
        double logChoose = 0;
        for (long k = 0; k <= m; k++)
        {
            if (k > 0)
            {
                logChoose += Math.Log(n - k + 1) - Math.Log(k);
            }

            logTerms[k] = logChoose + logHalfPowerN;
        }

        var max = logTerms[m];
        double sum = 0;
        for (long k = m; k >= 0; k--)
        {
            sum += Math.Exp(logTerms[k] - max);
        }

        return Math.Min(1, 2 * Math.Exp(max) * sum);
    }
}
