namespace Portal.TrainingRuns.Series;

/// <summary>
/// One scalar curve of a training run, stored as parallel arrays rather than rows: <see cref="Steps"/> (the global
/// step of each point, as written), <see cref="Values"/> (the value, float32 summaries widened to double; NaN and
/// infinities kept as written) and, where the source has them, <see cref="WallTimes"/> (seconds since the Unix epoch;
/// NaN where a row had none). Points are in the order they were written, across the run's files in name order.
/// A series is identified by <see cref="Run"/> (the folder relative to the one read, "." for that folder itself, or a
/// history file's name) and <see cref="Tag"/> (TensorBoard's tag or the history's column name).
/// </summary>
public sealed class ScalarSeries
{
    /// <summary>
    /// A series over the given arrays, which it keeps (not copies). Throws <see cref="ArgumentException"/> when
    /// the arrays differ in length.
    /// </summary>
    public ScalarSeries(string run, string tag, long[] steps, double[] values, double[]? wallTimes = null)
    {
        ArgumentNullException.ThrowIfNull(run);
        ArgumentNullException.ThrowIfNull(tag);
        ArgumentNullException.ThrowIfNull(steps);
        ArgumentNullException.ThrowIfNull(values);
        if (steps.Length != values.Length || (wallTimes is not null && wallTimes.Length != steps.Length))
        {
            throw new ArgumentException("Steps, values and wall times must have one entry per point.", nameof(values));
        }

        Run = run;
        Tag = tag;
        _steps = steps;
        _values = values;
        _wallTimes = wallTimes;
    }

    private readonly long[] _steps;
    private readonly double[] _values;
    private readonly double[]? _wallTimes;

    /// <summary>The run: a folder relative to the one read ("." for itself, '/' between folders) or a history file's name.</summary>
    public string Run { get; }

    /// <summary>The tag (TensorBoard) or column name (histories), e.g. "val/f1".</summary>
    public string Tag { get; }

    /// <summary>The number of points.</summary>
    public int Count => _steps.Length;

    /// <summary>The step of each point.</summary>
    public ReadOnlySpan<long> Steps => _steps;

    /// <summary>The value of each point.</summary>
    public ReadOnlySpan<double> Values => _values;

    /// <summary>Whether <see cref="WallTimes"/> holds a time per point.</summary>
    public bool HasWallTimes => _wallTimes is not null;

    /// <summary>The wall time of each point in seconds since the Unix epoch; empty when the source had none.</summary>
    public ReadOnlySpan<double> WallTimes => _wallTimes;

    /// <summary>Points, last and best of this series, with <paramref name="direction"/> or the one its tag suggests.</summary>
    public SeriesSummary Summarize(MetricDirection? direction = null) =>
        SeriesSummary.Of(this, direction ?? MetricDirections.Guess(Tag));
}
