using Portal.Data.Entities;

namespace Portal.Application.Jobs;

/// <summary>A change of a job, pushed to the pages that watch it.</summary>
public sealed record JobUpdate(long JobId, JobKind Kind, int? CompetitionId, int? SubmissionId, JobState State, double Progress, string? ProgressText, string? Error);
