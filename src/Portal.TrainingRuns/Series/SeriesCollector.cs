namespace Portal.TrainingRuns.Series;

/// <summary>The series of every run being read, keyed by run and tag, and each run's hyperparameters.</summary>
internal sealed class SeriesCollector
{
    private readonly Dictionary<(string Run, string Tag), SeriesBuilder> _series = [];
    private readonly Dictionary<string, SortedDictionary<string, string>> _hparams = new(StringComparer.Ordinal);

    /// <summary>The builder of <paramref name="run"/>'s <paramref name="tag"/>, made on first use.</summary>
    public SeriesBuilder For(string run, string tag, bool withWallTimes)
    {
        if (!_series.TryGetValue((run, tag), out var builder))
        {
            builder = new SeriesBuilder(run, tag, withWallTimes);
            _series.Add((run, tag), builder);
        }

        return builder;
    }

    /// <summary>Records a hyperparameter of <paramref name="run"/>; a later value of the same name replaces an earlier one.</summary>
    public void AddHParam(string run, string name, string value)
    {
        if (!_hparams.TryGetValue(run, out var map))
        {
            map = new SortedDictionary<string, string>(StringComparer.Ordinal);
            _hparams.Add(run, map);
        }

        map[name] = value;
    }

    /// <summary>Every series, ordered by run and then tag (ordinal), and the hyperparameters by run.</summary>
    public TrainingRunSet Build(int files)
    {
        var series = _series.Values
            .OrderBy(b => b.Run, StringComparer.Ordinal)
            .ThenBy(b => b.Tag, StringComparer.Ordinal)
            .Select(b => b.Build())
            .ToArray();
        var hparams = _hparams.ToDictionary(p => p.Key, p => (IReadOnlyDictionary<string, string>)p.Value, StringComparer.Ordinal);
        return new TrainingRunSet(series, hparams, files);
    }
}
