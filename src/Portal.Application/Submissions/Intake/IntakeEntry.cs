using Portal.Data.Entities;

namespace Portal.Application.Submissions.Intake;

/// <summary>
/// What one kind of submission brings to the <see cref="SubmissionIntake"/> once its own checks passed: the row's
/// content (its stored file, already in storage, if it has one) and the job that will score it.
/// </summary>
/// <param name="Kind">Labels CSV, probabilities CSV, model or ensemble.</param>
/// <param name="Description">The team's words (bidirectional controls stripped, cut to <see cref="SubmissionIntake.MaxDescription"/>).</param>
/// <param name="FileName">The name shown for the submission's file.</param>
/// <param name="FileKey">The storage key of the uploaded file, or null (an ensemble has none until it is built).</param>
/// <param name="FileSize">The stored file's size in bytes.</param>
/// <param name="JobKind">The job that scores the submission.</param>
/// <param name="JobPayload">The job's arguments (JSON), or null.</param>
public sealed record IntakeEntry(SubmissionKind Kind, string? Description, string FileName, string? FileKey, long FileSize, JobKind JobKind, string? JobPayload = null);
