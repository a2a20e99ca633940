using Microsoft.EntityFrameworkCore;
using Portal.Core.Submissions;
using Portal.Data;
using Portal.Data.Entities;
using Portal.Data.Storage;
using Portal.Application.Competitions;
using Portal.Application.Jobs;
using Portal.Application.Models;

namespace Portal.Application.Submissions;

/// <summary>
/// Scores a submission again from its kept predictions (a rescore of the competition, after the host fixed labels of
/// the hidden set; the images and their order cannot change once there are submissions). A model is not run again:
/// its kept probabilities per view and per member are scored again. A CSV submission queued before CSVs were scored
/// in their request, or whose kept predictions are gone, is read from its stored file.
/// </summary>
public sealed class RescoreSubmissionHandler(
    IDbContextFactory<PortalDbContext> dbFactory,
    IFileStorage storage,
    HiddenSetCache hiddenSets,
    SubmissionScorer scorer,
    ModelRunScoring models) : IJobHandler
{
    /// <inheritdoc />
    public JobKind Kind => JobKind.ScoreSubmission;

    /// <inheritdoc />
    public async Task RunAsync(Job job, IJobProgress progress, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(job);
        ArgumentNullException.ThrowIfNull(progress);
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var submission = await JobSubmission.LoadAsync(db, job, cancellationToken);
        var hidden = await JobSubmission.HiddenSetAsync(hiddenSets, submission);
        progress.Report(0.1, "Reading the predictions");
        if (submission.Kind == SubmissionKind.Model)
        {
            await models.RescoreAsync(db, submission, hidden, cancellationToken);
            return;
        }

        var predictions = await StoredPredictions.LoadAsync(submission, hidden.Taxonomy.Count, storage, cancellationToken)
                          ?? await ReadFileAsync(submission, hidden);
        progress.Report(0.6, "Scoring");
        // A host's rescore of everything tells no team: nothing the team did changed.
        await scorer.CompleteAsync(db, submission, predictions, hidden, null, cancellationToken, notify: false);
    }

    private async Task<Predictions> ReadFileAsync(Submission submission, LoadedHiddenSet hidden)
    {
        if (string.IsNullOrEmpty(submission.FileKey) || !await storage.ExistsAsync(submission.FileKey))
        {
            throw new JobFailedException("The submission's file could not be found on the server any more; please submit it again.");
        }

        await using var file = await storage.OpenReadAsync(submission.FileKey);
        var read = PredictionCsvReader.Read(file, hidden.Truth.Images, hidden.Taxonomy);
        return read.Value ?? throw new JobFailedException(string.Join(Environment.NewLine, read.Problems.Select(p => p.ToString())));
    }
}
