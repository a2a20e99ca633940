using Portal.Application.Events;
using Portal.Data.Entities;

namespace Portal.Application.Jobs;

/// <summary>A change of a job (state, progress 0..1 with its text, the error when it failed), pushed to the pages that watch it.</summary>
public sealed record JobUpdate(long JobId, JobKind Kind, int? CompetitionId, int? SubmissionId, JobState State, double Progress, string? ProgressText, string? Error) : IPortalMessage;
