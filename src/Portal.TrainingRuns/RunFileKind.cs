namespace Portal.TrainingRuns;

/// <summary>What a training-run file is, by its name.</summary>
public enum RunFileKind
{
    /// <summary>Neither of the others.</summary>
    Unsupported,

    /// <summary>A TensorBoard event file: <c>events.out.tfevents.*</c>.</summary>
    TensorBoardEvents,

    /// <summary>A CSV history: <c>*.csv</c>.</summary>
    CsvHistory,

    /// <summary>A JSON history: <c>*.json</c>, <c>*.jsonl</c> or <c>*.ndjson</c>.</summary>
    JsonHistory,
}
