namespace Portal.Core.Trust;

/// <summary>
/// Where one row's rank may land on the private board: <see cref="Lower"/> and <see cref="Upper"/> bound the central
/// share <c>coverage</c> of the forecast ranks (for 0.9, the 5th and 95th percentiles), <see cref="Median"/> is their
/// median, and <see cref="RankProbabilities"/>[r - 1] the probability of rank r (ranks 1..N). Ranks count from 1;
/// Lower is the best (smallest) rank of the range.
/// </summary>
public sealed record RankForecast(int PublicRank, int Lower, int Median, int Upper, IReadOnlyList<double> RankProbabilities)
{
    /// <summary>The probability of ending at rank <paramref name="k"/> or better (0 for k below 1).</summary>
    public double ProbabilityOfTop(int k)
    {
        double sum = 0;
        for (var r = 0; r < Math.Min(k, RankProbabilities.Count); r++)
        {
            sum += RankProbabilities[r];
        }

        return Math.Min(1, sum);
    }

    /// <summary>The largest plausible move up (public rank - Lower; positive is up, as on the private board).</summary>
    public int MostUp => PublicRank - Lower;

    /// <summary>The largest plausible move down (public rank - Upper; negative is down).</summary>
    public int MostDown => PublicRank - Upper;
}
