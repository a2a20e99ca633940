namespace Portal.Data.Entities;

/// <summary>Where a submission is in scoring.</summary>
public enum SubmissionStatus
{
    Queued,
    Running,
    Scored,
    Failed,

    /// <summary>The team cancelled it (a model run) before it was scored; it does not count toward the daily limit.</summary>
    Cancelled,
}
