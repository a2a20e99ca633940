namespace Portal.TrainingRuns.Series;

/// <summary>
/// Thins a curve for drawing, keeping its shape: a series of 100,000 points becomes at most a few thousand, so a browser
/// chart is sent what it can show. The points between the first and the last are split in written order into buckets of
/// equal count; each bucket keeps its lowest and its highest finite point (in their order, so spikes and dips survive)
/// and its first non-finite point (NaN, infinity: a gap in the line), and the first and last points are always kept.
/// Summaries (last, best) come from the full series, never from a thinned one.
/// </summary>
public static class SeriesThinning
{
    /// <summary>The smallest <c>maxPoints</c> accepted: room for the first and last points and two buckets.</summary>
    public const int MinPoints = 8;

    /// <summary>
    /// At most <paramref name="maxPoints"/> points of the series (<paramref name="steps"/>, <paramref name="values"/>, one
    /// entry per point), each one of its own points, in written order; a series of at most <paramref name="maxPoints"/>
    /// points is returned as it is (the same arrays). Throws <see cref="ArgumentException"/> when the arrays differ in
    /// length, <see cref="ArgumentOutOfRangeException"/> when <paramref name="maxPoints"/> is below <see cref="MinPoints"/>.
    /// </summary>
    public static (long[] Steps, double[] Values) Thin(long[] steps, double[] values, int maxPoints)
    {
        ArgumentNullException.ThrowIfNull(steps);
        ArgumentNullException.ThrowIfNull(values);
        ArgumentOutOfRangeException.ThrowIfLessThan(maxPoints, MinPoints);
        if (steps.Length != values.Length)
        {
            throw new ArgumentException("Steps and values must have one entry per point.", nameof(values));
        }

        var count = steps.Length;
        if (count <= maxPoints)
        {
            return (steps, values);
        }

        // Each bucket keeps at most three points (lowest, highest, a gap): with the two ends, never more than maxPoints.
        var buckets = (maxPoints - 2) / 3;
        var interior = count - 2;
        var kept = new List<int>(maxPoints) { 0 };
        Span<int> picks = stackalloc int[3];
        for (var b = 0; b < buckets; b++)
        {
            var start = 1 + (int)((long)b * interior / buckets);
            var end = 1 + (int)((long)(b + 1) * interior / buckets);
            int lowest = -1, highest = -1, gap = -1;
            for (var i = start; i < end; i++)
            {
                var value = values[i];
                if (!double.IsFinite(value))
                {
                    gap = gap < 0 ? i : gap;
                    continue;
                }

                lowest = lowest < 0 || value < values[lowest] ? i : lowest;
                highest = highest < 0 || value > values[highest] ? i : highest;
            }

            var n = 0;
            foreach (var index in (ReadOnlySpan<int>)[lowest, highest, gap])
            {
                if (index >= 0 && !picks[..n].Contains(index))
                {
                    picks[n++] = index;
                }
            }

            picks[..n].Sort();
            foreach (var index in picks[..n])
            {
                kept.Add(index);
            }
        }

        kept.Add(count - 1);
        var thinSteps = new long[kept.Count];
        var thinValues = new double[kept.Count];
        for (var k = 0; k < kept.Count; k++)
        {
            thinSteps[k] = steps[kept[k]];
            thinValues[k] = values[kept[k]];
        }

        return (thinSteps, thinValues);
    }
}
