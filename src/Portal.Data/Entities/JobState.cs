namespace Portal.Data.Entities;

/// <summary>Where a job is.</summary>
public enum JobState
{
    Queued,
    Running,
    Succeeded,
    Failed,
    Cancelled,
}
