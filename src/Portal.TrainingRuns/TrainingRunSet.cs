using Portal.TrainingRuns.Series;

namespace Portal.TrainingRuns;

/// <summary>
/// What was read from a training run's files: every scalar <see cref="Series"/> (ordered by run, then tag), the
/// <see cref="HParams"/> of each run that recorded them (TensorBoard's hparams plugin: run → name → value as text)
/// and the number of <see cref="Files"/> read.
/// </summary>
public sealed record TrainingRunSet(
    IReadOnlyList<ScalarSeries> Series,
    IReadOnlyDictionary<string, IReadOnlyDictionary<string, string>> HParams,
    int Files)
{
    /// <summary>The distinct run names, in order.</summary>
    public IReadOnlyList<string> Runs => Series.Select(s => s.Run).Concat(HParams.Keys).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).ToArray();
}
