using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Portal.Core.Scoring;
using Portal.Core.Submissions;
using Portal.Data;
using Portal.Data.Entities;
using Portal.Data.Storage;
using Portal.Data.Versions;
using Portal.Application.Competitions;
using Portal.Application.Events;
using Portal.Application.Leaderboards;

namespace Portal.Application.Submissions;

/// <summary>
/// The one scorer of every kind of submission (CSV in its upload request; model runs, ensembles and rescores in their
/// jobs): it scores predictions on the public and private splits (macro F1, as scikit-learn's
/// <c>f1_score(average="macro")</c>; see <see cref="Scorer"/>), stores them compactly on the row (labels, and a float32
/// probabilities blob when there are probabilities), publishes that the board changed, and marks a submission failed
/// when its job failed for good.
/// </summary>
public sealed class SubmissionScorer(
    IDbContextFactory<PortalDbContext> dbFactory,
    IFileStorage storage,
    CompetitionClock clock,
    IPortalEvents events,
    Notifications.WebhookOutbox webhooks)
{
    /// <summary>Scores <paramref name="predictions"/> (one per hidden image, in the hidden set's order) on both splits; writes nothing.</summary>
    public static ScoredPredictions Score(Predictions predictions, LoadedHiddenSet hidden)
    {
        ArgumentNullException.ThrowIfNull(predictions);
        ArgumentNullException.ThrowIfNull(hidden);
        var publicReport = Scorer.Score(hidden.Truth.Labels, predictions.Labels, hidden.Taxonomy, hidden.Split.PublicPositions);
        var privateReport = Scorer.Score(hidden.Truth.Labels, predictions.Labels, hidden.Taxonomy, hidden.Split.PrivatePositions);
        return new ScoredPredictions(predictions, ScoreDetails.From(publicReport, privateReport));
    }

    /// <summary>Keeps the probabilities of <paramref name="predictions"/> as a new blob of <paramref name="competitionId"/>; its key, or null for labels only.</summary>
    public async Task<string?> KeepProbabilitiesAsync(int competitionId, Predictions predictions, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(predictions);
        if (!predictions.HasProbabilities)
        {
            return null;
        }

        var key = StoredPredictions.NewKey(competitionId);
        await StoredPredictions.SaveAsync(storage, key, predictions.Probabilities, cancellationToken);
        return key;
    }

    /// <summary>Writes <paramref name="scored"/> onto <paramref name="submission"/> (the caller saves): scores, labels, details, status Scored.</summary>
    public void Apply(Submission submission, ScoredPredictions scored, string? probabilitiesKey)
    {
        ArgumentNullException.ThrowIfNull(submission);
        ArgumentNullException.ThrowIfNull(scored);
        submission.Labels = scored.Predictions.Labels.ToArray();
        submission.ProbabilitiesKey = probabilitiesKey;
        submission.PublicScore = scored.PublicScore;
        submission.PrivateScore = scored.PrivateScore;
        submission.DetailsJson = JsonSerializer.Serialize(scored.Details, JsonSerializerOptions.Web);
        submission.Status = SubmissionStatus.Scored;
        submission.Error = null;
        submission.ScoredAtUtc = clock.UtcNow;
    }

    /// <summary>
    /// Scores a queued or running submission from its job: keeps its probabilities (unless already kept: a rescore),
    /// writes the scores and, for a model, its <paramref name="run"/> record, in one save, then publishes the change.
    /// A submission the team cancelled meanwhile stays cancelled (false).
    /// </summary>
    public async Task<bool> CompleteAsync(PortalDbContext db, Submission submission, Predictions predictions, LoadedHiddenSet hidden, ModelRun? run,
        CancellationToken cancellationToken, bool notify = true)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(submission);
        // The team may have cancelled while the last batch ran: its word stands. (Read, not reloaded: the caller's
        // unsaved changes, such as an ensemble's written file, are part of this save.)
        var status = await db.Submissions.Where(s => s.Id == submission.Id).Select(s => s.Status).FirstAsync(cancellationToken);
        if (status is not (SubmissionStatus.Queued or SubmissionStatus.Running))
        {
            return false;
        }

        var scored = Score(predictions, hidden);
        var key = submission.ProbabilitiesKey is { Length: > 0 } kept && predictions.HasProbabilities
            ? kept
            : await KeepProbabilitiesAsync(submission.CompetitionId, predictions, cancellationToken);
        Apply(submission, scored, key);
        if (run is not null)
        {
            run.SubmissionId = submission.Id;
            var existing = await db.ModelRuns.FirstOrDefaultAsync(r => r.SubmissionId == submission.Id, cancellationToken);
            if (existing is null)
            {
                db.ModelRuns.Add(run);
            }
            else
            {
                db.Entry(existing).CurrentValues.SetValues(run);
            }
        }

        var told = notify && await webhooks.AddScoredAsync(db, submission, cancellationToken);
        await db.SaveChangesAsync(cancellationToken);
        Published(submission.CompetitionId, told);
        return true;
    }

    /// <summary>
    /// Adds the webhook messages of a submission just scored by <see cref="Apply"/> and saved (it has its id) to
    /// <paramref name="db"/>, for the caller to save in the same transaction: "scored" to its team, "overtaken" to the
    /// teams it passed. True when it added any: pass that to <see cref="Published"/> after the commit, to wake the sender.
    /// </summary>
    public Task<bool> NotifyScoredAsync(PortalDbContext db, Submission submission, CancellationToken cancellationToken) =>
        webhooks.AddScoredAsync(db, submission, cancellationToken);

    /// <summary>
    /// Tells open pages and caches that a board of <paramref name="competitionId"/> changed (after the commit), and this
    /// process's webhook sender that there are <paramref name="messagesAdded"/> (without them it waits for its next poll).
    /// </summary>
    public void Published(int competitionId, bool messagesAdded)
    {
        events.Publish(new BoardChanged(competitionId));
        if (messagesAdded)
        {
            webhooks.Wake();
        }
    }

    /// <summary>
    /// Marks submission <paramref name="submissionId"/> failed with <paramref name="reason"/> (unless it already failed
    /// or was cancelled) and, when the submission did not cause the failure (<paramref name="causedBySubmission"/>
    /// false: the server's or the host's fault), gives its slot of the daily limit back, both in one transaction, so
    /// a reader never sees a failed submission that still holds its slot, and a crash leaves neither half.
    /// </summary>
    public async Task MarkFailedAsync(int? submissionId, string reason, bool causedBySubmission, CancellationToken cancellationToken)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var submission = await db.Submissions.AsNoTracking().FirstOrDefaultAsync(s => s.Id == submissionId, cancellationToken);
        if (submission is null)
        {
            return;
        }

        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        var marked = await db.Submissions
            .Where(s => s.Id == submission.Id && s.Status != SubmissionStatus.Failed && s.Status != SubmissionStatus.Cancelled)
            .ExecuteUpdateAsync(s => s.SetProperty(x => x.Status, SubmissionStatus.Failed).SetProperty(x => x.Error, reason), cancellationToken);
        if (marked == 1 && !causedBySubmission)
        {
            await QuotaService.ReleaseAsync(db, submission.TeamId, submission.QuotaDay, cancellationToken);
        }

        if (marked == 1)
        {
            // ExecuteUpdate bypasses SaveChanges's version rule; a scored row marked failed leaves the board.
            await db.RaiseVersionAsync(submission.CompetitionId, CompetitionVersion.Board, cancellationToken);
            await webhooks.AddFailedAsync(db, submission, reason, cancellationToken);
            await db.SaveChangesAsync(cancellationToken);
        }

        await transaction.CommitAsync(cancellationToken);
        webhooks.Wake();
    }
}
