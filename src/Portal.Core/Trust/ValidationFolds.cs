namespace Portal.Core.Trust;

/// <summary>
/// A team's per-fold validation macro F1 in summary: the mean and sample standard deviation (n - 1 in the
/// denominator, as pandas' std) over <see cref="Count"/> folds. Scores in [0, 1].
/// </summary>
public sealed record ValidationFolds(double Mean, double StandardDeviation, int Count)
{
    /// <summary>The 95 % half-width of one fold's score, 1.96 standard deviations: the validation side of the gap's tolerance.</summary>
    public double HalfWidth95 => ValidationGapCheck.Z95 * StandardDeviation;

    /// <summary>
    /// The summary of per-fold scores. Throws <see cref="ArgumentException"/> for fewer than two folds and
    /// <see cref="ArgumentOutOfRangeException"/> for a score outside [0, 1].
    /// </summary>
    public static ValidationFolds FromValues(IReadOnlyList<double> values)
    {
        ArgumentNullException.ThrowIfNull(values);
        if (values.Count < 2)
        {
            throw new ArgumentException("A spread needs at least two folds.", nameof(values));
        }

        foreach (var v in values)
        {
            ValidationGapCheck.RequireScore(v, nameof(values));
        }

        var mean = values.Average();
        var squares = values.Sum(v => (v - mean) * (v - mean));
        return new ValidationFolds(mean, Math.Sqrt(squares / (values.Count - 1)), values.Count);
    }
}
