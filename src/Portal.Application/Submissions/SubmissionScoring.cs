using System.Runtime.InteropServices;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Portal.Core.Scoring;
using Portal.Core.Submissions;
using Portal.Data;
using Portal.Data.Entities;
using Portal.Data.Storage;
using Portal.Application.Competitions;

namespace Portal.Application.Submissions;

/// <summary>
/// What every kind of submission does once its predictions are known (CSV, model run, ensemble): store them
/// compactly, score both splits, and, when it fails for good, mark it failed and give its daily slot back.
/// </summary>
public static class SubmissionScoring
{
    /// <summary>The storage key of a submission's probabilities blob (float32, images x classes).</summary>
    public static string ProbabilitiesKey(Submission submission)
    {
        ArgumentNullException.ThrowIfNull(submission);
        return $"predictions/{submission.CompetitionId}/{submission.Id}.f32";
    }

    /// <summary>
    /// Stores <paramref name="predictions"/> on <paramref name="submission"/> and scores it; returns the details it stored
    /// (a kind with more to say may replace <c>DetailsJson</c> with a superset). The caller saves.
    /// </summary>
    public static async Task<ScoreDetails> ApplyAsync(Submission submission, Predictions predictions, LoadedHiddenSet hidden, IFileStorage storage, DateTime now, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(submission);
        ArgumentNullException.ThrowIfNull(predictions);
        ArgumentNullException.ThrowIfNull(hidden);
        ArgumentNullException.ThrowIfNull(storage);
        var publicReport = Scorer.Score(hidden.Truth.Labels, predictions.Labels, hidden.Taxonomy, hidden.Split.PublicPositions);
        var privateReport = Scorer.Score(hidden.Truth.Labels, predictions.Labels, hidden.Taxonomy, hidden.Split.PrivatePositions);
        if (predictions.HasProbabilities)
        {
            var key = ProbabilitiesKey(submission);
            await storage.SaveAsync(key, new MemoryStream(MemoryMarshal.AsBytes(predictions.Probabilities).ToArray()), cancellationToken);
            submission.ProbabilitiesKey = key;
        }

        submission.Labels = predictions.Labels.ToArray();
        submission.PublicScore = publicReport.MacroF1;
        submission.PrivateScore = privateReport.MacroF1;
        var details = ScoreDetails.From(publicReport, privateReport);
        submission.DetailsJson = JsonSerializer.Serialize(details, JsonSerializerOptions.Web);
        submission.Status = SubmissionStatus.Scored;
        submission.Error = null;
        submission.ScoredAtUtc = now;
        return details;
    }

    /// <summary>A scored submission's predictions: its labels, and its probabilities when stored; null when the blob is gone.</summary>
    public static async Task<Predictions?> LoadAsync(Submission submission, int classCount, IFileStorage storage, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(submission);
        ArgumentNullException.ThrowIfNull(storage);
        if (submission.Labels is null)
        {
            return null;
        }

        if (string.IsNullOrEmpty(submission.ProbabilitiesKey))
        {
            return new Predictions(submission.Labels, classCount);
        }

        if (!await storage.ExistsAsync(submission.ProbabilitiesKey, cancellationToken))
        {
            return null;
        }

        var bytes = new byte[submission.Labels.Length * classCount * sizeof(float)];
        await using (var stream = await storage.OpenReadAsync(submission.ProbabilitiesKey, cancellationToken))
        {
            try
            {
                await stream.ReadExactlyAsync(bytes, cancellationToken);
            }
            catch (EndOfStreamException)
            {
                return null;
            }
        }

        return Predictions.FromProbabilities(MemoryMarshal.Cast<byte, float>(bytes).ToArray(), classCount);
    }

    /// <summary>
    /// Marks submission <paramref name="submissionId"/> failed with <paramref name="reason"/> (unless it already failed
    /// or was cancelled) and, when the submission did not cause the failure (<paramref name="causedBySubmission"/>
    /// false: the server's or the host's fault), gives its slot of the daily limit back, both in one transaction, so
    /// a reader never sees a failed submission that still holds its slot, and a crash leaves neither half.
    /// </summary>
    public static async Task MarkFailedAsync(IDbContextFactory<PortalDbContext> dbFactory, int? submissionId, string reason, bool causedBySubmission,
        CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(dbFactory);
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

        await transaction.CommitAsync(cancellationToken);
    }
}
