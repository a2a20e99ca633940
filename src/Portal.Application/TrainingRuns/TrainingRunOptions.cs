namespace Portal.Application.TrainingRuns;

/// <summary>The <c>TrainingRuns</c> section of appsettings.json: how large a training-run upload may be, and how many points of a curve a chart is sent.</summary>
public sealed class TrainingRunOptions
{
    public const string Section = "TrainingRuns";

    /// <summary>The largest upload of one run, in bytes: all its files together, or its zip. Default 256 MiB.</summary>
    public long MaxUploadBytes { get; set; } = 256L * 1024 * 1024;

    /// <summary>The largest single file of a run (an event file, a history, a settings file; unpacked, in a zip), in bytes. Default 128 MiB.</summary>
    public long MaxFileBytes { get; set; } = 128L * 1024 * 1024;

    /// <summary>The most files one run may hold (a zip's files counted once unpacked). Default 200.</summary>
    public int MaxFiles { get; set; } = 200;

    /// <summary>The most points all series of one run may hold together, so a run stays a small blob. Default 2,000,000.</summary>
    public long MaxPoints { get; set; } = 2_000_000;

    /// <summary>
    /// The most points of one curve sent to a browser chart (a longer series is thinned keeping its shape; last and best
    /// values come from the full series). At least 8. Default 3,000.
    /// </summary>
    public int MaxChartPoints { get; set; } = 3_000;
}
