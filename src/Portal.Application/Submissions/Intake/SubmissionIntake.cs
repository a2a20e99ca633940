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
    IntakeFaults faults)
{
    /// <summary>The longest description kept; longer ones are cut.</summary>
    public const int MaxDescription = 500;

    /// <summary>The longest file name kept.</summary>
    public const int MaxFileName = 260;

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
    public static string DailyLimitSentence(Competition competition)
    {
        ArgumentNullException.ThrowIfNull(competition);
        return $"Your team has used all {competition.DailySubmissionLimit} submissions for today; the limit resets at midnight ({competition.TimeZone}).";
    }

    /// <summary>
    /// Takes a slot of today's limit for <paramref name="teamId"/>, writes the submission of <paramref name="entry"/> and
    /// its job, commits and wakes the workers. Refused (nothing written, the file deleted) when the limit is reached.
    /// </summary>
    public async Task<SubmitOutcome> AcceptAsync(Competition competition, int teamId, string? userId, IntakeEntry entry, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(competition);
        ArgumentNullException.ThrowIfNull(entry);
        var committed = false;
        try
        {
            var day = clock.QuotaDay(competition);
            await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
            await QuotaService.EnsureDayAsync(db, teamId, day, cancellationToken);
            await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
            if (!await QuotaService.TryTakeAsync(db, teamId, day, competition.DailySubmissionLimit, cancellationToken))
            {
                return SubmitOutcome.Refused(RefusalReason.DailyLimitReached, DailyLimitSentence(competition)) with
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
                QuotaDay = day,
                CreatedAtUtc = clock.UtcNow,
            };
            db.Submissions.Add(submission);
            await db.SaveChangesAsync(cancellationToken);
            await faults.AfterAsync(IntakeStep.RowWritten);
            jobs.Add(db, entry.JobKind, competition.Id, submission.Id, entry.JobPayload);
            await db.SaveChangesAsync(cancellationToken);
            await faults.AfterAsync(IntakeStep.JobWritten);
            await transaction.CommitAsync(cancellationToken);
            committed = true;
            jobs.Wake();
            return SubmitOutcome.Ok(submission.Id);
        }
        finally
        {
            if (!committed && entry.FileKey is { } key)
            {
                await storage.DeleteAsync(key, CancellationToken.None);
            }
        }
    }
}
