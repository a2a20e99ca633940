namespace Portal.Application.TrainingRuns;

/// <summary>What a file of a training-run upload is, by its name (see <see cref="TrainingRunFiles.RoleOf"/>).</summary>
public enum TrainingRunFileRole
{
    /// <summary>None of the others: refused in a multipart upload, skipped in a zip (checkpoints, notebooks).</summary>
    Other,

    /// <summary>Curves: a TensorBoard event file, or a CSV / JSON history.</summary>
    Curves,

    /// <summary>A YAML or JSON config.</summary>
    Config,

    /// <summary>Optuna's best parameters as JSON.</summary>
    Optuna,

    /// <summary>A text file holding the git commit.</summary>
    GitCommit,
}
