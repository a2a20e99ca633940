using Microsoft.EntityFrameworkCore;
using Portal.Core.Ensembles;
using Portal.Core.Submissions;
using Portal.Data;
using Portal.Data.Entities;
using Portal.Data.Storage;
using Portal.Application.Competitions;
using Portal.Application.Submissions;
using Portal.Application.Jobs;

namespace Portal.Application.Ensembles;

/// <summary>
/// Builds a queued ensemble: combines its members with the core's <see cref="EnsembleBuilder"/>, writes the
/// result as the submission's CSV file (probabilities when known, else labels) and scores it as any submission.
/// </summary>
public sealed class BuildEnsembleHandler(
    IDbContextFactory<PortalDbContext> dbFactory,
    IFileStorage storage,
    HiddenSetCache hiddenSets,
    SubmissionScorer scorer) : IJobHandler
{
    public JobKind Kind => JobKind.BuildEnsemble;

    public async Task RunAsync(Job job, IJobProgress progress, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(job);
        ArgumentNullException.ThrowIfNull(progress);
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var submission = await JobSubmission.LoadAsync(db, job, cancellationToken);
        var recipe = EnsembleRecipe.FromJson(job.Payload) ?? throw new JobFailedException("The ensemble's recipe is missing.");
        var hidden = await JobSubmission.HiddenSetAsync(hiddenSets, submission);

        progress.Report(0.1, "Loading the members");
        var ids = recipe.Members.Select(m => m.Id).ToList();
        var rows = await db.Submissions.AsNoTracking().Where(s => ids.Contains(s.Id)).ToDictionaryAsync(s => s.Id, cancellationToken);
        var members = new List<EnsembleMember>(recipe.Members.Count);
        foreach (var wanted in recipe.Members)
        {
            if (!rows.TryGetValue(wanted.Id, out var row) || row.TeamId != submission.TeamId || row.Status != SubmissionStatus.Scored)
            {
                throw new JobFailedException($"Submission #{wanted.Id} is no longer a scored submission of your team.");
            }

            var predictions = await StoredPredictions.LoadAsync(row, hidden.Taxonomy.Count, storage, cancellationToken);
            if (predictions is null || predictions.Count != hidden.Truth.Count)
            {
                throw new JobFailedException($"The predictions of submission #{wanted.Id} could not be found on the server any more.");
            }

            members.Add(new EnsembleMember(predictions, wanted.Weight, $"Submission #{wanted.Id}"));
        }

        progress.Report(0.4, $"Combining {members.Count} submissions");
        Predictions combined;
        try
        {
            combined = EnsembleBuilder.Combine(members, recipe.Method);
        }
        catch (EnsembleException e)
        {
            throw new JobFailedException(e.Message);
        }

        progress.Report(0.7, "Writing the CSV file");
        var key = $"submissions/{submission.CompetitionId}/{submission.TeamId}/{Guid.NewGuid():N}.csv";
        using (var csv = new MemoryStream())
        {
            PredictionCsvWriter.Write(csv, hidden.Truth.Images, combined, combined.HasProbabilities ? SubmissionFormat.Probabilities : SubmissionFormat.Labels);
            csv.Position = 0;
            submission.FileSize = await storage.SaveAsync(key, csv, cancellationToken);
        }

        submission.FileKey = key;
        submission.FileName = $"ensemble-{submission.Id}.csv";
        progress.Report(0.8, "Scoring");
        await scorer.CompleteAsync(db, submission, combined, hidden, null, cancellationToken);
    }
}
