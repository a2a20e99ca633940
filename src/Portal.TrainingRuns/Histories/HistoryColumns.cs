namespace Portal.TrainingRuns.Histories;

/// <summary>
/// The roles of a history's columns. The step is the first of <c>_step</c> (wandb), <c>step</c>, <c>global_step</c>
/// and <c>epoch</c> (Keras' CSVLogger) present; the wall time is <c>_timestamp</c> (wandb) or <c>wall_time</c> /
/// <c>wall time</c> (TensorBoard's CSV download), in seconds since the Unix epoch; other columns starting with '_'
/// (wandb's <c>_runtime</c>, <c>_wandb</c>) are bookkeeping and skipped; every other column is a metric. Names match
/// case-insensitively.
/// </summary>
internal static class HistoryColumns
{
    private static readonly string[] StepNames = ["_step", "step", "global_step", "epoch"];
    private static readonly string[] WallTimeNames = ["_timestamp", "wall_time", "wall time"];

    /// <summary>The index in <paramref name="names"/> of the step column, or -1.</summary>
    public static int Step(IReadOnlyList<string> names) => FirstOf(names, StepNames);

    /// <summary>The index in <paramref name="names"/> of the wall-time column, or -1.</summary>
    public static int WallTime(IReadOnlyList<string> names) => FirstOf(names, WallTimeNames);

    /// <summary>Whether a column that is neither the step nor the wall time is a metric.</summary>
    public static bool IsMetric(string name) => name.Length > 0 && name[0] != '_';

    /// <summary>The sentence for a history without a step column.</summary>
    public static string MissingStep(IEnumerable<string> names) =>
        $"there is no step column (one of _step, step, global_step or epoch); the columns are {string.Join(", ", names.Select(n => $"'{n}'"))}.";

    private static int FirstOf(IReadOnlyList<string> names, string[] wanted)
    {
        foreach (var w in wanted)
        {
            for (var i = 0; i < names.Count; i++)
            {
                if (string.Equals(names[i].Trim(), w, StringComparison.OrdinalIgnoreCase))
                {
                    return i;
                }
            }
        }

        return -1;
    }
}
