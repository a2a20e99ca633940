using Portal.Application.Trust;
using Portal.Data.Entities;

namespace Portal.Application.Submissions.Intake;

/// <summary>
/// What one kind of submission brings to the <see cref="SubmissionIntake"/> once its own checks passed: the row's
/// content (its stored file, already in storage, if it has one), its fingerprint, and what happens next.
/// </summary>
/// <param name="Kind">Labels CSV, probabilities CSV, model or ensemble.</param>
/// <param name="Description">The team's words (bidirectional controls stripped, cut to <see cref="SubmissionIntake.MaxDescription"/>).</param>
/// <param name="FileName">The name shown for the submission's file.</param>
/// <param name="FileKey">The storage key of the uploaded file, or null (an ensemble has none until it is built).</param>
/// <param name="FileSize">The stored file's size in bytes.</param>
/// <param name="ContentHash">The <see cref="SubmissionFingerprint"/> of what was submitted: the same one from the same team is refused as a duplicate.</param>
/// <param name="Work">A job to queue, or the scores already computed (a CSV is scored in its upload request).</param>
public sealed record IntakeEntry(SubmissionKind Kind, string? Description, string FileName, string? FileKey, long FileSize, string ContentHash, IntakeWork Work)
{
    /// <summary>
    /// When the submission was made, for submissions recorded after the fact (the demo's history); null for now. Its
    /// slot is taken on that day of the competition's calendar.
    /// </summary>
    public DateTime? SubmittedAtUtc { get; init; }

    /// <summary>The team's own validation macro F1 and per-fold values sent with the submission, or null.</summary>
    public ValidationScores? Validation { get; init; }
}

/// <summary>What the intake does with a submission after writing its row.</summary>
public abstract record IntakeWork;

/// <summary>Queues <paramref name="Kind"/> with its arguments (<paramref name="Payload"/>, JSON or null) in the same transaction.</summary>
public sealed record QueueJob(JobKind Kind, string? Payload = null) : IntakeWork;

/// <summary>The row is written already scored (<paramref name="Scored"/>, its probabilities kept under <paramref name="ProbabilitiesKey"/> or null).</summary>
public sealed record AlreadyScored(ScoredPredictions Scored, string? ProbabilitiesKey) : IntakeWork;
