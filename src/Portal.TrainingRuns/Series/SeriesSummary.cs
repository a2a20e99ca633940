namespace Portal.TrainingRuns.Series;

/// <summary>
/// A series in brief: <see cref="Points"/>, the last point (<see cref="LastStep"/>, <see cref="LastValue"/>) and the
/// best (<see cref="BestStep"/>, <see cref="BestValue"/>: the lowest or highest non-NaN value by
/// <see cref="Direction"/>, the earliest on ties; null when every value is NaN or there are no points).
/// </summary>
public sealed record SeriesSummary(int Points, long? LastStep, double? LastValue, long? BestStep, double? BestValue, MetricDirection Direction)
{
    /// <summary>The summary of <paramref name="series"/> with <paramref name="direction"/>.</summary>
    public static SeriesSummary Of(ScalarSeries series, MetricDirection direction)
    {
        ArgumentNullException.ThrowIfNull(series);
        var steps = series.Steps;
        var values = series.Values;
        if (steps.Length == 0)
        {
            return new SeriesSummary(0, null, null, null, null, direction);
        }

        var best = -1;
        for (var i = 0; i < values.Length; i++)
        {
            var v = values[i];
            if (double.IsNaN(v))
            {
                continue;
            }

            if (best < 0 || (direction == MetricDirection.Lower ? v < values[best] : v > values[best]))
            {
                best = i;
            }
        }

        return new SeriesSummary(steps.Length, steps[^1], values[^1], best < 0 ? null : steps[best], best < 0 ? null : values[best], direction);
    }
}
