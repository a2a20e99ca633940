namespace Portal.Data.Entities;

/// <summary>
/// The record a model run leaves beside its submission: the per-view and per-member scores (JSON of the application's
/// <c>ModelRunDetails</c>), the execution provider it ran on, and how long it took for how many images, from which
/// queue estimates are made. One per model submission; written in the same transaction as the submission's score.
/// </summary>
public sealed class ModelRun
{
    public int SubmissionId { get; set; }

    /// <summary>The run's details as JSON (members, TTA views, ensemble; private numbers included, filtered when shown).</summary>
    public string DetailsJson { get; set; } = "";

    /// <summary>The execution provider the run used ("CPU", "CUDA").</summary>
    public string Provider { get; set; } = "";

    /// <summary>Images predicted, each counted once whatever the number of members and TTA views.</summary>
    public int Images { get; set; }

    /// <summary>Wall time of the run in seconds, from the runner's start to the last batch.</summary>
    public double Seconds { get; set; }

    public DateTime FinishedAtUtc { get; set; }
}
