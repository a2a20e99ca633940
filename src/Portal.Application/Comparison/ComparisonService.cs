using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Portal.Core.Comparison;
using Portal.Data;
using Portal.Data.Entities;
using Portal.Data.Storage;
using Portal.Application.Access;
using Portal.Application.Competitions;
using Portal.Application.Submissions;

namespace Portal.Application.Comparison;

/// <summary>
/// Compares two scored submissions under the visibility rules: a participant compares only their
/// own team's submissions; the truth is used for hosts, after the close, or on the public split when
/// the host shows per-class results, and per-image correctness never reaches a participant before the close.
/// </summary>
public sealed class ComparisonService(
    IDbContextFactory<PortalDbContext> dbFactory,
    HiddenSetCache hiddenSets,
    IFileStorage storage,
    IOptions<PortalOptions> options)
{
    /// <summary>
    /// Compares submission <paramref name="aId"/> (A) with <paramref name="bId"/> (B); without
    /// <paramref name="judge"/> the judged part (and its bootstrap) is skipped, for the CSV export of the rows.
    /// </summary>
    public async Task<ComparisonOutcome> CompareAsync(int aId, int bId, Viewer viewer, bool judge = true, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(viewer);
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var pair = await db.Submissions.AsNoTracking().Include(s => s.Team).ThenInclude(t => t!.Competition)
            .Where(s => s.Id == aId || s.Id == bId).ToListAsync(cancellationToken);
        var a = pair.FirstOrDefault(s => s.Id == aId);
        var b = pair.FirstOrDefault(s => s.Id == bId);
        if (a?.Team?.Competition is not { } competition || b?.Team is null ||
            !await TeamAccess.MayOpenAsync(db, a.TeamId, viewer, cancellationToken) ||
            !await TeamAccess.MayOpenAsync(db, b.TeamId, viewer, cancellationToken))
        {
            return ComparisonOutcome.Missing;
        }

        if (a.CompetitionId != b.CompetitionId)
        {
            return ComparisonOutcome.Refused("The two submissions belong to different competitions.");
        }

        if (a.Status != SubmissionStatus.Scored || b.Status != SubmissionStatus.Scored || a.Labels is null || b.Labels is null)
        {
            return ComparisonOutcome.Refused("Only scored submissions can be compared; wait until both are scored.");
        }

        if (await hiddenSets.GetAsync(competition.Id) is not { } hidden || hidden.Truth.Count != a.Labels.Length || hidden.Truth.Count != b.Labels.Length)
        {
            return ComparisonOutcome.Refused("These submissions were scored against another hidden set and can no longer be compared.");
        }

        var fullTruth = VisibilityPolicy.SeesPrivate(viewer, competition);
        SubmissionComparison comparison;
        string? scope = null, unavailable = null;
        if (judge && VisibilityPolicy.SeesPublicDetails(viewer, competition))
        {
            comparison = SubmissionComparison.Compute(a.Labels, b.Labels, hidden.Taxonomy, hidden.Truth.Labels,
                fullTruth ? null : hidden.Split.PublicPositions, options.Value.CompareBootstrapResamples, options.Value.CompareBootstrapSeed);
            scope = fullTruth ? "all test images" : "the public split";
        }
        else
        {
            comparison = SubmissionComparison.Compute(a.Labels, b.Labels, hidden.Taxonomy);
            unavailable = judge ? "Per-class scores, McNemar and the bootstrap interval appear after the competition closes." : null;
        }

        var labelsA = a.Labels;
        var labelsB = b.Labels;
        var taxonomy = hidden.Taxonomy;
        var flips = FlipNames(taxonomy);
        // Each side's probability of its own label, where both have probabilities: how sure each is of the disagreement.
        var probabilitiesA = string.IsNullOrEmpty(a.ProbabilitiesKey) || string.IsNullOrEmpty(b.ProbabilitiesKey) ? null
            : await StoredPredictions.LoadAsync(a, taxonomy.Count, storage, cancellationToken);
        var probabilitiesB = probabilitiesA is null ? null : await StoredPredictions.LoadAsync(b, taxonomy.Count, storage, cancellationToken);
        var confident = probabilitiesA is { HasProbabilities: true } && probabilitiesB is { HasProbabilities: true };
        var differences = SubmissionComparison.DifferingPositions(labelsA, labelsB)
            .Select(p => new DifferingImage(p, hidden.Truth.Images[p], labelsA[p], labelsB[p], fullTruth ? hidden.Truth.Labels[p] : null,
                flips[labelsA[p] * taxonomy.Count + labelsB[p]],
                confident ? probabilitiesA!.ProbabilitiesOf(p)[labelsA[p]] : null,
                confident ? probabilitiesB!.ProbabilitiesOf(p)[labelsB[p]] : null))
            .ToList();
        return ComparisonOutcome.Ok(new ComparisonView(competition.Id,
            SubmissionService.View(a, competition, viewer), SubmissionService.View(b, competition, viewer),
            hidden.Taxonomy.ClassNames, comparison.Agreement, comparison.Judged, scope, unavailable, fullTruth, differences, confident));
    }

    /// <summary>For every (A's class, B's class), row-major, the names of the attributes whose values differ; shared lists, computed once per call.</summary>
    private static IReadOnlyList<string>[] FlipNames(Portal.Core.Competitions.ClassTaxonomy taxonomy)
    {
        var c = taxonomy.Count;
        var names = new IReadOnlyList<string>[c * c];
        for (var a = 0; a < c; a++)
        {
            for (var b = 0; b < c; b++)
            {
                names[a * c + b] = Enumerable.Range(0, taxonomy.Axes.Count)
                    .Where(axis => taxonomy.ValueOf(axis, a) != taxonomy.ValueOf(axis, b))
                    .Select(axis => taxonomy.Axes[axis].Name).ToArray();
            }
        }

        return names;
    }
}
