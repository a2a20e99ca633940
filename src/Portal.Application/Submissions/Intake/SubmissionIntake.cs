using System.Globalization;
using Microsoft.EntityFrameworkCore;
using Portal.Application.Competitions;
using Portal.Application.Jobs;
using Portal.Data;
using Portal.Data.Entities;
using Portal.Data.Storage;

namespace Portal.Application.Submissions.Intake;

/// <summary>
/// The one way in for every kind of submission (PRODUCT.md "Submission intake"): once the kind's own checks passed and
/// its file is stored, the daily slot, the row and the job are written in ONE transaction. A crash or an error at any
/// point leaves either nothing (the stored file is deleted here, or swept at the next start) or a complete, queued
/// submission, so the slots used always equal the submissions stored.
/// </summary>
public sealed class SubmissionIntake(
    IDbContextFactory<PortalDbContext> dbFactory,
    IFileStorage storage,
    HiddenSetCache hiddenSets,
    JobStore jobs,
    CompetitionClock clock,
    SubmissionScorer scorer,
    IntakeFaults faults)
{
    /// <summary>The longest description kept; longer ones are cut.</summary>
    public const int MaxDescription = Submission.MaxDescriptionLength;

    /// <summary>The longest file name kept.</summary>
    public const int MaxFileName = Submission.MaxFileNameLength;

    /// <summary>
    /// The hidden set of <paramref name="competition"/> when it takes submissions now (open, in its dates, with a hidden
    /// set), or why not: every kind asks this first, before reading a byte of the upload.
    /// </summary>
    public async Task<(LoadedHiddenSet? Hidden, SubmitOutcome? Refusal)> OpenForSubmissionsAsync(Competition competition)
    {
        ArgumentNullException.ThrowIfNull(competition);
        if (clock.WhyClosed(competition) is { } closed)
        {
            return (null, SubmitOutcome.Refused(RefusalReason.NotAccepting, closed));
        }

        return await hiddenSets.GetAsync(competition.Id) is { } hidden
            ? (hidden, null)
            : (null, SubmitOutcome.Refused(RefusalReason.NotAccepting, "The competition has no hidden set yet."));
    }

    /// <summary>Why a submission is refused once the team's slots of the day are used.</summary>
    public static string DailyLimitSentence(Competition competition, int limit)
    {
        ArgumentNullException.ThrowIfNull(competition);
        return limit == 0
            ? "The host has paused your team's submissions (its daily limit is 0); ask the host."
            : limit == 1 ? $"Your team has used its 1 submission for today; the limit resets at midnight ({competition.TimeZone})."
            : $"Your team has used all {limit} submissions for today; the limit resets at midnight ({competition.TimeZone}).";
    }

    /// <summary>Why a submission is refused when the team already made the same one (and it did not fail).</summary>
    public static string DuplicateSentence(int submissionId, DateTime createdAtUtc) =>
        string.Create(CultureInfo.InvariantCulture,
            $"This is the same as your team's submission #{submissionId} of {createdAtUtc:yyyy-MM-dd HH:mm} UTC, so it was not submitted again and used none of today's submissions.");

    /// <summary>
    /// Takes a slot of the day's limit for <paramref name="teamId"/> and writes the submission of <paramref name="entry"/>
    /// with its job (or its scores), all in one transaction; then wakes the workers or publishes the score. Refused,
    /// with nothing written and the entry's stored files deleted, when the team already made the same submission or
    /// its limit is reached.
    /// </summary>
    public async Task<SubmitOutcome> AcceptAsync(Competition competition, int teamId, string? userId, IntakeEntry entry, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(competition);
        ArgumentNullException.ThrowIfNull(entry);
        var committed = false;
        try
        {
            var at = entry.SubmittedAtUtc ?? clock.UtcNow;
            var day = CompetitionClock.QuotaDay(competition, at);
            await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
            // Read before the transaction: on SQLite it holds the database's one write lock, which every upload waits
            // for, so only what must be consistent with the slot is done inside it.
            var limit = await QuotaService.LimitAsync(db, competition, teamId, cancellationToken);
            await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
            // The slot is taken first: its write serialises the team's concurrent uploads (SQLite's write lock, the quota
            // row's lock in PostgreSQL), so the look for the same submission below sees every one committed before it.
            // A refusal rolls the slot back with the transaction.
            var took = await QuotaService.TryTakeAsync(db, teamId, day, limit, cancellationToken);
            var same = await db.Submissions.AsNoTracking()
                .Where(s => s.TeamId == teamId && s.ContentHash == entry.ContentHash && s.Status != SubmissionStatus.Failed && s.Status != SubmissionStatus.Cancelled)
                .OrderBy(s => s.Id).Select(s => new { s.Id, s.CreatedAtUtc }).FirstOrDefaultAsync(cancellationToken);
            if (same is not null)
            {
                return SubmitOutcome.Refused(RefusalReason.Duplicate, DuplicateSentence(same.Id, same.CreatedAtUtc));
            }

            if (!took)
            {
                return SubmitOutcome.Refused(RefusalReason.DailyLimitReached, DailyLimitSentence(competition, limit)) with
                {
                    RetryAfterUtc = clock.NextQuotaResetUtc(competition),
                };
            }

            await faults.AfterAsync(IntakeStep.SlotTaken);
            var submission = new Submission
            {
                CompetitionId = competition.Id,
                TeamId = teamId,
                SubmittedByUserId = userId,
                Kind = entry.Kind,
                Description = UploadFiles.Truncate(entry.Description, MaxDescription),
                Status = SubmissionStatus.Queued,
                FileKey = entry.FileKey ?? "",
                FileName = UploadFiles.Truncate(entry.FileName, MaxFileName),
                FileSize = entry.FileSize,
                ContentHash = entry.ContentHash,
                QuotaDay = day,
                CreatedAtUtc = at,
                ValidationF1 = entry.Validation?.F1,
                ValidationFoldF1s = entry.Validation?.Folds.ToList() ?? [],
            };
            if (entry.Work is AlreadyScored scored)
            {
                scorer.Apply(submission, scored.Scored, scored.ProbabilitiesKey);
            }

            db.Submissions.Add(submission);
            await db.SaveChangesAsync(cancellationToken);
            await faults.AfterAsync(IntakeStep.RowWritten);
            var told = false;
            if (entry.Work is AlreadyScored)
            {
                // The team's webhook messages commit with the row, or neither does.
                told = await scorer.NotifyScoredAsync(db, submission, cancellationToken);
                await db.SaveChangesAsync(cancellationToken);
            }

            if (entry.Work is QueueJob job)
            {
                jobs.Add(db, job.Kind, competition.Id, submission.Id, job.Payload);
                await db.SaveChangesAsync(cancellationToken);
                await faults.AfterAsync(IntakeStep.JobWritten);
            }

            await transaction.CommitAsync(cancellationToken);
            committed = true;
            if (entry.Work is QueueJob)
            {
                jobs.Wake();
                return SubmitOutcome.Ok(submission.Id, SubmissionStatus.Queued, null);
            }

            scorer.Published(competition.Id, told);
            return SubmitOutcome.Ok(submission.Id, SubmissionStatus.Scored, submission.PublicScore);
        }
        finally
        {
            if (!committed)
            {
                await DeleteStoredAsync(entry);
            }
        }
    }

    private async Task DeleteStoredAsync(IntakeEntry entry)
    {
        if (entry.FileKey is { } file)
        {
            await storage.DeleteAsync(file, CancellationToken.None);
        }

        if (entry.Work is AlreadyScored { ProbabilitiesKey: { } blob })
        {
            await storage.DeleteAsync(blob, CancellationToken.None);
        }
    }
}
