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

        if (!storage.Exists(submission.ProbabilitiesKey))
        {
            return null;
        }

        var bytes = new byte[submission.Labels.Length * classCount * sizeof(float)];
        await using (var stream = storage.OpenRead(submission.ProbabilitiesKey))
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

    /// <summary>Marks the job's submission failed with <paramref name="reason"/>; a failed submission does not count toward the daily limit.</summary>
    public static async Task MarkFailedAsync(IDbContextFactory<PortalDbContext> dbFactory, QuotaService quota, int? submissionId, string reason, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(dbFactory);
        ArgumentNullException.ThrowIfNull(quota);
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var submission = await db.Submissions.FirstOrDefaultAsync(s => s.Id == submissionId, cancellationToken);
        if (submission is null)
        {
            return;
        }

        var counted = submission.Status != SubmissionStatus.Failed;
        submission.Status = SubmissionStatus.Failed;
        submission.Error = reason;
        await db.SaveChangesAsync(cancellationToken);
        if (counted)
        {
            await quota.ReleaseAsync(submission.TeamId, submission.QuotaDay, cancellationToken);
        }
    }
}
