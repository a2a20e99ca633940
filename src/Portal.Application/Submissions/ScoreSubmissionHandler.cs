using Microsoft.EntityFrameworkCore;
using Portal.Core.Submissions;
using Portal.Data;
using Portal.Data.Entities;
using Portal.Data.Storage;
using Portal.Application.Competitions;
using Portal.Application.Jobs;

namespace Portal.Application.Submissions;

/// <summary>Scores a CSV submission on the public and private splits and stores its predictions compactly.</summary>
public sealed class ScoreSubmissionHandler(
    IDbContextFactory<PortalDbContext> dbFactory,
    IFileStorage storage,
    HiddenSetCache hiddenSets,
    CompetitionClock clock,
    JobEvents events,
    Models.ModelScoring models) : IJobHandler
{
    public JobKind Kind => JobKind.ScoreSubmission;

    public async Task RunAsync(Job job, IJobProgress progress, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(job);
        ArgumentNullException.ThrowIfNull(progress);
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var submission = await db.Submissions.FirstOrDefaultAsync(s => s.Id == job.SubmissionId, cancellationToken)
                         ?? throw new JobFailedException("The submission no longer exists.");
        var hidden = await hiddenSets.GetAsync(submission.CompetitionId) ?? throw new JobFailedException("The competition has no hidden set.");
        if (submission.Kind == SubmissionKind.Model)
        {
            // A rescore: a model's kept probabilities are scored again; the model is not run again.
            await models.RescoreAsync(db, submission, hidden, cancellationToken);
            return;
        }

        // Scoring a CSV takes milliseconds: the submission goes from Queued to Scored in one write.
        progress.Report(0.1, "Reading the file");

        if (!await storage.ExistsAsync(submission.FileKey, cancellationToken))
        {
            throw new JobFailedException("The uploaded file could not be found on the server any more; please submit it again.");
        }

        ReadResult<Predictions> read;
        await using (var file = await storage.OpenReadAsync(submission.FileKey, cancellationToken))
        {
            read = PredictionCsvReader.Read(file, hidden.Truth.Images, hidden.Taxonomy);
        }

        if (read.Value is not { } predictions)
        {
            throw new JobFailedException(string.Join(Environment.NewLine, read.Problems.Select(p => p.ToString())));
        }

        progress.Report(0.6, "Scoring");
        await SubmissionScoring.ApplyAsync(submission, predictions, hidden, storage, clock.UtcNow, cancellationToken);
        await db.SaveChangesAsync(cancellationToken);
        events.PublishLeaderboardChanged(submission.CompetitionId);
    }

    public Task OnFailedAsync(Job job, string reason, bool causedBySubmission, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(job);
        return SubmissionScoring.MarkFailedAsync(dbFactory, job.SubmissionId, reason, causedBySubmission, cancellationToken);
    }
}
