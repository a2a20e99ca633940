namespace Portal.TrainingRuns.Series;

/// <summary>The direction a metric's name suggests.</summary>
public static class MetricDirections
{
    private static readonly string[] LowerIsBetter = ["loss", "error", "err", "mse", "mae", "rmse", "perplexity", "ppl", "wer", "cer"];

    /// <summary>
    /// <see cref="MetricDirection.Lower"/> when the tag's last part (after '/') contains a word of losses and errors
    /// ("loss", "error", "err", "mse", "mae", "rmse", "perplexity", "ppl", "wer", "cer"; case-insensitive, words split
    /// at '_', '-', '.' and spaces), else <see cref="MetricDirection.Higher"/>.
    /// </summary>
    public static MetricDirection Guess(string tag)
    {
        ArgumentNullException.ThrowIfNull(tag);
        var name = tag[(tag.LastIndexOf('/') + 1)..];
        foreach (var word in name.Split(['_', '-', '.', ' '], StringSplitOptions.RemoveEmptyEntries))
        {
            foreach (var lower in LowerIsBetter)
            {
                if (word.Equals(lower, StringComparison.OrdinalIgnoreCase)
                    || (lower.Length >= 4 && word.Contains(lower, StringComparison.OrdinalIgnoreCase)))
                {
                    return MetricDirection.Lower;
                }
            }
        }

        return MetricDirection.Higher;
    }
}
