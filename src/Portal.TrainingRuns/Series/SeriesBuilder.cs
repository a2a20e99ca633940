namespace Portal.TrainingRuns.Series;

/// <summary>The growing arrays of one series while its files are read.</summary>
internal sealed class SeriesBuilder(string run, string tag, bool withWallTimes)
{
    private long[] _steps = new long[16];
    private double[] _values = new double[16];
    private double[] _wallTimes = withWallTimes ? new double[16] : [];
    private int _count;

    public string Run { get; } = run;

    public string Tag { get; } = tag;

    public void Add(long step, double value, double wallTime)
    {
        if (_count == _steps.Length)
        {
            Array.Resize(ref _steps, _count * 2);
            Array.Resize(ref _values, _count * 2);
            if (withWallTimes)
            {
                Array.Resize(ref _wallTimes, _count * 2);
            }
        }

        _steps[_count] = step;
        _values[_count] = value;
        if (withWallTimes)
        {
            _wallTimes[_count] = wallTime;
        }

        _count++;
    }

    /// <summary>The series; without wall times when none of its points had one.</summary>
    public ScalarSeries Build()
    {
        var wallTimes = withWallTimes ? _wallTimes[.._count] : null;
        if (wallTimes is not null && Array.TrueForAll(wallTimes, double.IsNaN))
        {
            wallTimes = null;
        }

        return new ScalarSeries(Run, Tag, _steps[.._count], _values[.._count], wallTimes);
    }
}
