namespace Portal.Core.Comparison;

/// <summary>Percentiles of sorted samples, as numpy computes them by default.</summary>
internal static class Percentile
{
    /// <summary>
    /// numpy's default (linear) percentile of <paramref name="sorted"/> (ascending, at least one value),
    /// <paramref name="q"/> in [0, 1]: the value at position q (n - 1), interpolated between its neighbours.
    /// </summary>
    public static double Linear(ReadOnlySpan<double> sorted, double q)
    {
        var position = q * (sorted.Length - 1);
        var low = (int)Math.Floor(position);
        var high = Math.Min(low + 1, sorted.Length - 1);
        return sorted[low] + (sorted[high] - sorted[low]) * (position - low);
    }
}
