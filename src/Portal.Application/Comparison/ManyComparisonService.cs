using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Portal.Core.Comparison;
using Portal.Core.Scoring;
using Portal.Data;
using Portal.Data.Entities;
using Portal.Application.Access;
using Portal.Application.Competitions;
using Portal.Application.Submissions;
using Portal.Application.Ensembles;

namespace Portal.Application.Comparison;

/// <summary>
/// Compares 2 to N submissions at once under the rules of the two-way comparison: a participant picks
/// only their own team's submissions; the truth is used for hosts, after the close, or on the public
/// split when the host shows per-class results, and then only as aggregates (never per image).
/// </summary>
public sealed class ManyComparisonService(
    IDbContextFactory<PortalDbContext> dbFactory,
    HiddenSetCache hiddenSets,
    IOptions<EnsembleOptions> options)
{
    /// <summary>
    /// Compares <paramref name="ids"/>; with <paramref name="judge"/> false the truth is not used at all
    /// (the ensemble builder's preview), with <paramref name="cluster"/> false the members keep the order asked.
    /// </summary>
    public async Task<ManyComparisonOutcome> CompareAsync(int competitionId, IReadOnlyList<int> ids, Viewer viewer, bool judge = true, bool cluster = true, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(ids);
        ArgumentNullException.ThrowIfNull(viewer);
        if (ids.Count < 2)
        {
            return ManyComparisonOutcome.Refused("Pick at least two scored submissions to compare.");
        }

        if (ids.Count > options.Value.MaxCompared)
        {
            return ManyComparisonOutcome.Refused($"Up to {options.Value.MaxCompared} submissions can be compared at once; you picked {ids.Count}.");
        }

        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var selection = await SubmissionSelection.LoadAsync(db, hiddenSets, competitionId, ids, viewer, cancellationToken);
        if (selection.Error is not null)
        {
            return ManyComparisonOutcome.Refused(selection.Error, selection.NotFound);
        }

        return ManyComparisonOutcome.Ok(Compute(selection, viewer, judge, cluster));
    }

    /// <summary>The comparison of an already loaded selection (the part the benchmark measures, with the loading).</summary>
    public static ManyComparisonView Compute(SubmissionSelection selection, Viewer viewer, bool judge, bool cluster)
    {
        ArgumentNullException.ThrowIfNull(selection);
        ArgumentNullException.ThrowIfNull(viewer);
        var competition = selection.Competition;
        var hidden = selection.Hidden;
        var labels = selection.Submissions.Select(s => (ReadOnlyMemory<byte>)s.Labels!).ToArray();
        var matrix = DisagreementMatrix.Compute(labels);
        var order = cluster ? HierarchicalClustering.Order(matrix) : Enumerable.Range(0, matrix.Size).ToArray();
        var disagreement = order.Select(i => order.Select(j => matrix.Rate(i, j)).ToArray()).ToArray();

        var fullTruth = VisibilityPolicy.SeesPrivate(viewer, competition);
        var judged = judge && (fullTruth || competition.ShowPublicPerClass);
        int[]? positions = fullTruth ? null : hidden.Split.PublicPositions;
        var members = order.Select(i =>
        {
            var s = selection.Submissions[i];
            double? score = judged
                ? (positions is null ? Scorer.Score(hidden.Truth.Labels, s.Labels, hidden.Taxonomy) : Scorer.Score(hidden.Truth.Labels, s.Labels, hidden.Taxonomy, positions)).MacroF1
                : null;
            return new ManyComparisonMember(SubmissionService.View(s, competition, viewer), !string.IsNullOrEmpty(s.ProbabilitiesKey), score);
        }).ToList();

        return new ManyComparisonView(
            competition.Id,
            members,
            disagreement,
            matrix.ImageCount,
            DisagreementMatrix.CountUnanimous(labels),
            judged ? (fullTruth ? "all test images" : "the public split") : null,
            judged ? positions?.Length ?? hidden.Truth.Count : 0,
            judged ? OracleRate.Compute(labels, hidden.Truth.Labels, positions) : null,
            judge && !judged ? "The oracle rate and each submission's score against the truth appear after the competition closes." : null);
    }
}
