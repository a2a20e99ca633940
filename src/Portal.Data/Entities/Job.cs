namespace Portal.Data.Entities;

/// <summary>
/// A persisted unit of background work. A worker claims it with a lease that it renews while it
/// runs; a job whose lease ran out (its worker died) is claimed again, up to a number of attempts.
/// </summary>
public sealed class Job
{
    public long Id { get; set; }
    public JobKind Kind { get; set; }
    public JobState State { get; set; }
    public int? CompetitionId { get; set; }
    public int? SubmissionId { get; set; }

    /// <summary>
    /// Claim order: runnable jobs of a higher priority go first, then the oldest (0 for every job a submission makes; a
    /// host moves a waiting model run to the front by raising it).
    /// </summary>
    public int Priority { get; set; }

    /// <summary>Arguments of the job as JSON.</summary>
    public string? Payload { get; set; }

    /// <summary>Fraction done, 0 to 1.</summary>
    public double Progress { get; set; }
    public string? ProgressText { get; set; }

    public int Attempts { get; set; }
    public string? Error { get; set; }

    public string? LeaseOwner { get; set; }
    public DateTime? LeaseExpiresAtUtc { get; set; }

    public DateTime CreatedAtUtc { get; set; }
    public DateTime? StartedAtUtc { get; set; }
    public DateTime? FinishedAtUtc { get; set; }
}
