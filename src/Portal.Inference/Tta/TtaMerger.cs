namespace Portal.Inference.Tta;

/// <summary>Merges the probabilities of several views into one distribution per image.</summary>
public static class TtaMerger
{
    // Keeps log() finite for a class a view gives exactly zero; far below anything a float softmax gives otherwise.
    private const double Floor = 1e-30;

    /// <summary>Parses a <c>--merge</c> value: mean, gmean, max, min or tsharpen.</summary>
    public static bool TryParse(string name, out MergeMode mode)
    {
        ArgumentNullException.ThrowIfNull(name);
        (var ok, mode) = name.ToLowerInvariant() switch
        {
            "mean" => (true, MergeMode.Mean),
            "gmean" => (true, MergeMode.GeometricMean),
            "max" => (true, MergeMode.Max),
            "min" => (true, MergeMode.Min),
            "tsharpen" => (true, MergeMode.TSharpen),
            _ => (false, MergeMode.Mean),
        };
        return ok;
    }

    /// <summary>
    /// Merges <paramref name="views"/> (each row-major <c>[images, classes]</c> probabilities) into one array of
    /// the same shape; every merged row sums to 1, so it is a valid probabilities submission.
    /// </summary>
    public static float[] Merge(IReadOnlyList<float[]> views, int classCount, MergeMode mode)
    {
        ArgumentNullException.ThrowIfNull(views);
        if (views.Count == 0)
        {
            throw new ArgumentException("There must be at least one view.", nameof(views));
        }

        var length = views[0].Length;
        if (classCount < 1 || length % classCount != 0 || views.Any(v => v.Length != length))
        {
            throw new ArgumentException("Every view must hold the same whole number of rows.", nameof(views));
        }

        var merged = new float[length];
        var row = new double[classCount];
        for (var start = 0; start < length; start += classCount)
        {
            for (var c = 0; c < classCount; c++)
            {
                row[c] = Combine(views, start + c, mode);
            }

            var sum = row.Sum();
            for (var c = 0; c < classCount; c++)
            {
                merged[start + c] = (float)(sum > 0 ? row[c] / sum : 1.0 / classCount);
            }
        }

        return merged;
    }

    private static double Combine(IReadOnlyList<float[]> views, int index, MergeMode mode)
    {
        double acc = mode switch
        {
            MergeMode.Max => double.NegativeInfinity,
            MergeMode.Min => double.PositiveInfinity,
            _ => 0,
        };
        foreach (var view in views)
        {
            double p = view[index];
            acc = mode switch
            {
                MergeMode.GeometricMean => acc + Math.Log(Math.Max(p, Floor)),
                MergeMode.Max => Math.Max(acc, p),
                MergeMode.Min => Math.Min(acc, p),
                MergeMode.TSharpen => acc + Math.Sqrt(Math.Max(p, 0)),
                _ => acc + p,
            };
        }

        return mode switch
        {
            MergeMode.GeometricMean => Math.Exp(acc / views.Count),
            MergeMode.Mean or MergeMode.TSharpen => acc / views.Count,
            _ => acc,
        };
    }
}
