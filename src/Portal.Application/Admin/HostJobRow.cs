using Portal.Data.Entities;

namespace Portal.Application.Admin;

/// <summary>A job as the host's table of jobs across competitions shows it.</summary>
public sealed record HostJobRow(long Id, JobKind Kind, JobState State, int? CompetitionId, string? CompetitionSlug, int? SubmissionId, double Progress,
    string? ProgressText, int Attempts, string? Error, DateTime CreatedAtUtc, DateTime? StartedAtUtc, DateTime? FinishedAtUtc)
{
    /// <summary>Whether the queue lets a host cancel it: a model run that is waiting or running.</summary>
    public bool Cancellable => Kind == JobKind.RunModel && SubmissionId is not null && State is JobState.Queued or JobState.Running;
}
