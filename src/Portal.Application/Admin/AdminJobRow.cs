using Portal.Data.Entities;

namespace Portal.Application.Admin;

/// <summary>A job as the host's list shows it.</summary>
public sealed record AdminJobRow(long Id, JobKind Kind, JobState State, int? SubmissionId, double Progress, string? ProgressText, int Attempts, string? Error, DateTime CreatedAtUtc, DateTime? FinishedAtUtc);
