using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Portal.Core.Competitions;
using Portal.Core.Submissions;
using Portal.Core.Trust;
using Portal.Data;
using Portal.Data.Entities;
using Portal.Data.Storage;
using Portal.Application.Access;
using Portal.Application.Caching;
using Portal.Application.Competitions;
using Portal.Application.Leaderboards;
using Portal.Application.Submissions;

namespace Portal.Application.Trust;

/// <summary>
/// The label audit of a competition (<see cref="LabelAudit"/>): the best submission of each of the public board's top
/// <see cref="PortalOptions.AuditVoters"/> rows votes on every image of the hidden set, with its kept probabilities where
/// it has them (suspects of equal agreement are ordered by the voters' mean confidence). Computed once per board version
/// (cached under the competition's board version, as <see cref="BoardIntervalsService"/>).
/// </summary>
/// <remarks>
/// Leak safety: unlike the board's numbers, the audit names images and their true labels, so it is per-image truth by
/// nature. It leaves this class only for viewers <see cref="VisibilityPolicy.SeesLabelAudit"/> allows (hosts at any
/// time, signed-in participants after close); everyone else gets the reason and no row, and nothing is computed for them.
/// </remarks>
public sealed class LabelAuditService(
    IDbContextFactory<PortalDbContext> dbFactory,
    LeaderboardService leaderboards,
    HiddenSetCache hiddenSets,
    ICompetitionCache<LabelAuditView> cache,
    IFileStorage storage,
    IOptions<PortalOptions> options)
{
    /// <summary>Why a participant does not see the audit while the competition runs.</summary>
    public const string NotYet = "The label audit is shown to hosts, and to signed-in participants once the competition closes: it names images and their labels.";

    /// <summary>The audit as <paramref name="viewer"/> may see it.</summary>
    public async Task<LabelAuditView> GetAsync(Competition competition, Viewer viewer, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(competition);
        ArgumentNullException.ThrowIfNull(viewer);
        if (!VisibilityPolicy.SeesLabelAudit(viewer, competition))
        {
            return new LabelAuditView([], 0, 0, NotYet);
        }

        long? version;
        await using (var db = await dbFactory.CreateDbContextAsync(cancellationToken))
        {
            version = await db.Competitions.AsNoTracking().Where(c => c.Id == competition.Id).Select(c => (long?)c.BoardVersion).FirstOrDefaultAsync(cancellationToken);
        }

        return version is null
            ? new LabelAuditView([], 0, 0)
            : await cache.GetAsync(competition.Id, version.Value, () => ComputeAsync(competition), cancellationToken);
    }

    private async Task<LabelAuditView> ComputeAsync(Competition competition)
    {
        var host = new Viewer(null, IsHost: true);
        var hidden = await hiddenSets.GetAsync(competition.Id);
        var voters = (await leaderboards.GetAsync(competition, BoardKind.Public, host)).Rows.Select(r => r.SubmissionId).ToList();
        if (hidden is null)
        {
            return new LabelAuditView([], 0, 0, "The audit needs the hidden set.");
        }

        Dictionary<int, Submission> scored;
        await using (var db = await dbFactory.CreateDbContextAsync())
        {
            scored = await db.Submissions.AsNoTracking().Where(s => voters.Contains(s.Id) && s.Labels != null).ToDictionaryAsync(s => s.Id);
        }

        // Kept probabilities give each suspect its voters' confidence in the consensus, the audit's second order; a
        // labels-only voter (or one whose blob is gone) still votes with its labels.
        var taxonomy = hidden.Taxonomy;
        var predictions = new List<Predictions>();
        foreach (var id in voters.Where(scored.ContainsKey).Take(Math.Max(LabelAudit.MinimumSubmissions, options.Value.AuditVoters)))
        {
            var submission = scored[id];
            predictions.Add(await StoredPredictions.LoadAsync(submission, taxonomy.Count, storage, CancellationToken.None)
                ?? new Predictions(submission.Labels!, taxonomy.Count));
        }

        if (predictions.Count < LabelAudit.MinimumSubmissions)
        {
            return new LabelAuditView([], predictions.Count, hidden.Truth.Count,
                $"The audit needs scored submissions from at least {LabelAudit.MinimumSubmissions} teams to find where they agree against the truth.");
        }

        var result = LabelAudit.Find(hidden.Truth.Labels, predictions, taxonomy);
        var ids = hidden.Truth.Images.Ids;
        var rows = result.Suspects.Select(s => new LabelAuditRow(
            ids[s.Image], taxonomy.ClassNames[s.Truth], taxonomy.ClassNames[s.Consensus], s.Votes, result.Submissions, s.Agreement, s.MeanConfidence,
            Differing(taxonomy, s), s.Truth, s.Consensus)).ToList();
        return new LabelAuditView(rows, result.Submissions, result.Images);
    }

    /// <summary>Each attribute on which truth and consensus differ, as "mask: Wear → Incorrect" (the class names without axes).</summary>
    private static List<string> Differing(ClassTaxonomy taxonomy, LabelSuspect suspect)
    {
        var differing = new List<string>();
        for (var axis = 0; axis < taxonomy.Axes.Count; axis++)
        {
            var (from, to) = (taxonomy.ValueOf(axis, suspect.Truth), taxonomy.ValueOf(axis, suspect.Consensus));
            if (from != to)
            {
                var a = taxonomy.Axes[axis];
                differing.Add($"{a.Name}: {a.ValueNames[from]} → {a.ValueNames[to]}");
            }
        }

        return differing;
    }
}
