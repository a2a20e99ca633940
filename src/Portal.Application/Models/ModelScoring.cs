using System.Globalization;
using System.Runtime.InteropServices;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Portal.Core.Scoring;
using Portal.Core.Submissions;
using Portal.Data;
using Portal.Data.Entities;
using Portal.Data.Storage;
using Portal.Application.Competitions;
using Portal.Application.Submissions;
using Portal.Application.Jobs;

namespace Portal.Application.Models;

/// <summary>
/// Scores a model submission from probabilities: after its run, and again on a rescore (after the host fixed the hidden
/// set's labels), which reads the kept blobs of the ensemble, each member and each view instead of running the models again.
/// </summary>
public sealed class ModelScoring(IFileStorage storage, CompetitionClock clock, JobEvents events)
{
    /// <summary>Where the probabilities of one view of one member are kept.</summary>
    public static string ViewKey(int competitionId, int submissionId, int member, string view) =>
        string.Create(CultureInfo.InvariantCulture, $"predictions/{competitionId}/{submissionId}/member{member}-{view}.f32");

    /// <summary>Where the merged probabilities of one member are kept.</summary>
    public static string MemberKey(int competitionId, int submissionId, int member) =>
        string.Create(CultureInfo.InvariantCulture, $"predictions/{competitionId}/{submissionId}/member{member}.f32");

    /// <summary>The public and private macro F1 of <paramref name="probabilities"/> (images x classes).</summary>
    public static F1Pair F1(LoadedHiddenSet hidden, float[] probabilities)
    {
        ArgumentNullException.ThrowIfNull(hidden);
        var labels = Predictions.FromProbabilities(probabilities, hidden.Taxonomy.Count).Labels;
        return new F1Pair(
            Scorer.Score(hidden.Truth.Labels, labels, hidden.Taxonomy, hidden.Split.PublicPositions).MacroF1,
            Scorer.Score(hidden.Truth.Labels, labels, hidden.Taxonomy, hidden.Split.PrivatePositions).MacroF1);
    }

    /// <summary>Rescores a scored model submission from its kept blobs (a rescore of the competition).</summary>
    public async Task RescoreAsync(PortalDbContext db, Submission submission, LoadedHiddenSet hidden, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(submission);
        ArgumentNullException.ThrowIfNull(hidden);
        var run = submission.DetailsJson is null ? null : JsonSerializer.Deserialize<ModelScoreDetails>(submission.DetailsJson, JsonSerializerOptions.Web)?.ModelRun;
        if (run is null || submission.ProbabilitiesKey is null || !await storage.ExistsAsync(submission.ProbabilitiesKey, cancellationToken))
        {
            throw new JobFailedException("This model submission has no kept predictions to rescore (its run never finished); please submit the model again.");
        }

        var members = new List<MemberRun>();
        for (var m = 0; m < run.Members.Count; m++)
        {
            var member = run.Members[m];
            var views = new List<ViewScore>();
            foreach (var view in member.Views)
            {
                views.Add(view with { F1 = F1(hidden, await ReadAsync(ViewKey(submission.CompetitionId, submission.Id, m, view.View), cancellationToken)) });
            }

            members.Add(member with { Views = views, Merged = F1(hidden, await ReadAsync(MemberKey(submission.CompetitionId, submission.Id, m), cancellationToken)) });
        }

        await ApplyAsync(db, submission, hidden, await ReadAsync(submission.ProbabilitiesKey, cancellationToken), run with { Members = members }, cancellationToken);
    }

    /// <summary>Scores <paramref name="ensemble"/> as the submission's predictions and stores the scores with the run's details.</summary>
    public async Task ApplyAsync(PortalDbContext db, Submission submission, LoadedHiddenSet hidden, float[] ensemble, ModelRunDetails run, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(submission);
        ArgumentNullException.ThrowIfNull(hidden);
        ArgumentNullException.ThrowIfNull(run);
        // The team may have cancelled while the last batch ran: its word stands.
        await db.Entry(submission).ReloadAsync(cancellationToken);
        if (submission.Status is not (SubmissionStatus.Queued or SubmissionStatus.Running))
        {
            return;
        }

        // Stored and scored like any submission with probabilities; the details add the run's per-view and per-member scores.
        var predictions = Predictions.FromProbabilities(ensemble, hidden.Taxonomy.Count);
        var scored = await SubmissionScoring.ApplyAsync(submission, predictions, hidden, storage, clock.UtcNow, cancellationToken);
        var details = run with { Ensemble = new F1Pair(scored.Public.MacroF1, scored.Private.MacroF1) };
        submission.DetailsJson = JsonSerializer.Serialize(new ModelScoreDetails(scored.Public, scored.Private, details), JsonSerializerOptions.Web);
        await db.SaveChangesAsync(cancellationToken);
        events.PublishLeaderboardChanged(submission.CompetitionId);
    }

    /// <summary>Keeps a probabilities blob (float32, images x classes).</summary>
    public async Task SaveAsync(string key, float[] probabilities, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(probabilities);
        await using var content = new MemoryStream(MemoryMarshal.AsBytes(probabilities.AsSpan()).ToArray());
        await storage.SaveAsync(key, content, cancellationToken);
    }

    private async Task<float[]> ReadAsync(string key, CancellationToken cancellationToken)
    {
        if (!await storage.ExistsAsync(key, cancellationToken))
        {
            throw new JobFailedException("Some kept predictions of this model run are missing on the server; please submit the model again.");
        }

        await using var stream = await storage.OpenReadAsync(key, cancellationToken);
        using var buffer = new MemoryStream();
        await stream.CopyToAsync(buffer, cancellationToken);
        return MemoryMarshal.Cast<byte, float>(buffer.GetBuffer().AsSpan(0, (int)buffer.Length)).ToArray();
    }
}
