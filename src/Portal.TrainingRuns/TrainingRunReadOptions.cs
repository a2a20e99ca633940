namespace Portal.TrainingRuns;

/// <summary>Limits on what the training-run readers accept; every file over one is refused, not read.</summary>
public sealed class TrainingRunReadOptions
{
    /// <summary>The defaults below.</summary>
    public static TrainingRunReadOptions Default { get; } = new();

    /// <summary>The largest file read, in bytes. Default 2 GiB.</summary>
    public long MaxFileBytes { get; init; } = 2L * 1024 * 1024 * 1024;

    /// <summary>
    /// The largest TFRecord read, in bytes. Default 64 MiB: a scalar event is about 50 bytes, but a graph
    /// definition in the same file can be megabytes.
    /// </summary>
    public int MaxRecordBytes { get; init; } = 64 * 1024 * 1024;

    /// <summary>The most files read in one call, counting those found in folders. Default 1,000.</summary>
    public int MaxFiles { get; init; } = 1000;

    /// <summary>The most key-value entries a settings file flattens to. Default 10,000.</summary>
    public int MaxSettingsEntries { get; init; } = 10_000;

    /// <summary>The deepest nesting of maps and lists in a settings file. Default 64.</summary>
    public int MaxSettingsDepth { get; init; } = 64;
}
