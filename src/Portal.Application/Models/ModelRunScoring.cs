using System.Globalization;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Portal.Core.Ensembles;
using Portal.Core.Scoring;
using Portal.Core.Submissions;
using Portal.Data;
using Portal.Data.Entities;
using Portal.Data.Storage;
using Portal.Application.Competitions;
using Portal.Application.Jobs;
using Portal.Application.Submissions;

namespace Portal.Application.Models;

/// <summary>
/// What a model run adds to scoring: each TTA view's and each member's probabilities kept as blobs and scored on their
/// own (the <see cref="ModelRun"/> record beside the submission), the members soft-voted into the submission's
/// predictions, which the <see cref="SubmissionScorer"/> scores like any submission. On a rescore the kept blobs are
/// scored again; the models are not run again.
/// </summary>
public sealed class ModelRunScoring(IFileStorage storage, SubmissionScorer scorer, CompetitionClock clock)
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

    /// <summary>
    /// Keeps and scores the probabilities of a finished run (<paramref name="members"/>: each member's name, weight,
    /// TTA view names, per-view and merged probabilities), soft-votes the members and scores the submission with its
    /// run record. False when the team cancelled meanwhile.
    /// </summary>
    public async Task<bool> CompleteAsync(PortalDbContext db, Submission submission, LoadedHiddenSet hidden, ModelRunSettings settings,
        IReadOnlyList<MemberProbabilities> members, string provider, TimeSpan elapsed, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(submission);
        ArgumentNullException.ThrowIfNull(settings);
        ArgumentNullException.ThrowIfNull(members);
        var runs = new List<MemberRun>();
        for (var m = 0; m < members.Count; m++)
        {
            var member = members[m];
            var views = new List<ViewScore>();
            for (var v = 0; v < member.Views.Count; v++)
            {
                await StoredPredictions.SaveAsync(storage, ViewKey(submission.CompetitionId, submission.Id, m, member.Views[v]), member.PerView[v], cancellationToken);
                views.Add(new ViewScore(member.Views[v], F1(hidden, member.PerView[v])));
            }

            await StoredPredictions.SaveAsync(storage, MemberKey(submission.CompetitionId, submission.Id, m), member.Merged, cancellationToken);
            runs.Add(new MemberRun(member.Name, member.Weight, views, F1(hidden, member.Merged), RunInput.Of(settings)));
        }

        var run = Record(new StoredModelRun(settings.Tta, settings.Merge, runs), provider, hidden.Truth.Count, elapsed.TotalSeconds, clock.UtcNow);
        return await scorer.CompleteAsync(db, submission, SoftVote(members, hidden.Taxonomy.Count), hidden, run, cancellationToken);
    }

    /// <summary>Scores a model submission again from its kept blobs (a rescore of the competition).</summary>
    public async Task RescoreAsync(PortalDbContext db, Submission submission, LoadedHiddenSet hidden, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(submission);
        ArgumentNullException.ThrowIfNull(hidden);
        var record = await db.ModelRuns.AsNoTracking().FirstOrDefaultAsync(r => r.SubmissionId == submission.Id, cancellationToken);
        var stored = record is null ? null : JsonSerializer.Deserialize<StoredModelRun>(record.DetailsJson, JsonSerializerOptions.Web);
        var predictions = await StoredPredictions.LoadAsync(submission, hidden.Taxonomy.Count, storage, cancellationToken);
        if (record is null || stored is null || predictions is null)
        {
            throw new JobFailedException("This model submission has no kept predictions to rescore (its run never finished); please submit the model again.");
        }

        var members = new List<MemberRun>();
        for (var m = 0; m < stored.Members.Count; m++)
        {
            var member = stored.Members[m];
            var views = new List<ViewScore>();
            foreach (var view in member.Views)
            {
                views.Add(view with { F1 = F1(hidden, await ReadAsync(ViewKey(submission.CompetitionId, submission.Id, m, view.View), hidden, cancellationToken)) });
            }

            members.Add(member with { Views = views, Merged = F1(hidden, await ReadAsync(MemberKey(submission.CompetitionId, submission.Id, m), hidden, cancellationToken)) });
        }

        var run = Record(stored with { Members = members }, record.Provider, record.Images, record.Seconds, record.FinishedAtUtc);
        await scorer.CompleteAsync(db, submission, predictions, hidden, run, cancellationToken);
    }

    /// <summary>The weighted mean of the members' merged probabilities (soft voting, the core's <see cref="EnsembleBuilder"/>; one member is itself).</summary>
    private static Predictions SoftVote(IReadOnlyList<MemberProbabilities> members, int classCount)
    {
        var voters = members.Select(m => new EnsembleMember(Predictions.FromProbabilities(m.Merged, classCount), m.Weight, m.Name)).ToList();
        return EnsembleBuilder.Combine(voters, EnsembleMethod.Soft);
    }

    private static ModelRun Record(StoredModelRun stored, string provider, int images, double seconds, DateTime finishedAtUtc) => new()
    {
        DetailsJson = JsonSerializer.Serialize(stored, JsonSerializerOptions.Web),
        Provider = provider,
        Images = images,
        Seconds = seconds,
        FinishedAtUtc = finishedAtUtc,
    };

    private async Task<float[]> ReadAsync(string key, LoadedHiddenSet hidden, CancellationToken cancellationToken) =>
        await StoredPredictions.ReadAsync(storage, key, hidden.Truth.Count * hidden.Taxonomy.Count, cancellationToken)
        ?? throw new JobFailedException("Some kept predictions of this model run are missing on the server; please submit the model again.");
}
