namespace Portal.Data.Entities;

/// <summary>
/// The training run a team attached to one of its submissions (at most one per submission; a new upload replaces it):
/// every scalar series as one compressed blob (<see cref="SeriesBlob"/>: parallel step/value arrays per series, never
/// a row per point), the run's flattened settings, its git commit, a summary for lists, and whether the team
/// published it for other teams (shown to them only once the competition is closed).
/// </summary>
public sealed class TrainingRun
{
    /// <summary>The longest git commit stored (a SHA-256 hash in hex).</summary>
    public const int MaxGitCommitLength = 64;

    /// <summary>The longest tag name stored for <see cref="ValidationTag"/>.</summary>
    public const int MaxTagLength = 200;

    public int SubmissionId { get; set; }

    /// <summary>The series, in the application's compact binary format (compressed), read back by its codec.</summary>
    public byte[] SeriesBlob { get; set; } = [];

    /// <summary>The run's settings flattened to key → value (config, Optuna's best parameters, hparams), as a JSON object.</summary>
    public string SettingsJson { get; set; } = "{}";

    /// <summary>The git commit the run was trained from (lowercase hex), when given.</summary>
    public string? GitCommit { get; set; }

    /// <summary>How many files the run was read from.</summary>
    public int FileCount { get; set; }

    /// <summary>How many series (run x tag) the blob holds.</summary>
    public int SeriesCount { get; set; }

    /// <summary>How many points all series hold together.</summary>
    public long PointCount { get; set; }

    /// <summary>The tag taken as the validation F1 (e.g. "val/f1"), when the run has one.</summary>
    public string? ValidationTag { get; set; }

    /// <summary>The validation F1 at each fold's last step, averaged over folds; null without a validation tag.</summary>
    public double? ValidationF1Last { get; set; }

    /// <summary>Each fold's best validation F1, averaged over folds; null without a validation tag.</summary>
    public double? ValidationF1Best { get; set; }

    /// <summary>Whether the team published the run for other teams (they see it once the competition is closed).</summary>
    public bool IsPublished { get; set; }

    public DateTime UploadedAtUtc { get; set; }
}
