namespace Portal.Data.Entities;

/// <summary>Where a submission is in scoring.</summary>
public enum SubmissionStatus
{
    Queued,
    Running,
    Scored,
    Failed,
}
