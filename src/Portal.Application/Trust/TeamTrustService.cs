using System.Globalization;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Portal.Core.Trust;
using Portal.Data;
using Portal.Data.Entities;
using Portal.Application.Access;
using Portal.Application.Competitions;

namespace Portal.Application.Trust;

/// <summary>
/// A team's own trust screens on the Submissions page: its validation gap (validation against public macro F1, with
/// intervals) and the final-pick assistant (which submissions are tied with its best, and a suggested set of finals).
/// Both read the viewer's own team only, with Compare's bootstrap resamples and seed.
/// </summary>
/// <remarks>
/// Leak safety. Everything computed here looks at the public images only (<c>Split.PublicPositions</c>), at any time.
/// A public interval is the percentile range of one submission's macro F1 under resampling, and a tie is the
/// percentile range of the paired difference of two: both are functions of confusion counts on the public images
/// (of the (truth, A, B) triples for a pair), aggregates from which no image's correctness can be read (see
/// <see cref="BootstrapScores"/>). The disagreement between two of the team's submissions compares the team's own
/// labels with each other, never with the truth: the team can compute it from its own files. The validation numbers
/// are the team's own, shown only to those who may open the team (<see cref="TeamAccess"/>).
/// </remarks>
public sealed class TeamTrustService(
    IDbContextFactory<PortalDbContext> dbFactory,
    HiddenSetCache hiddenSets,
    IOptions<PortalOptions> options)
{
    /// <summary>Why a viewer outside the competition's teams sees nothing.</summary>
    public const string NoTeamSentence = "Only a team's members and its API token see the team's own numbers; join a team of this competition.";

    /// <summary>Why a participant asking for another team's numbers sees nothing.</summary>
    public const string OtherTeamSentence = "Only hosts see another team's validation gap and final picks.";

    /// <summary>Why a host asking for a team that is not in the competition sees nothing.</summary>
    public const string UnknownTeamSentence = "There is no such team in this competition.";

    /// <summary>Why the assistant is not shown after the close.</summary>
    public const string FinalsFixedSentence = "The finals were fixed when the competition closed; the private board now decides.";

    /// <summary>
    /// The validation gap of the viewer's team, or of <paramref name="teamId"/> for a host: each scored submission with
    /// validation numbers against its public score.
    /// </summary>
    public async Task<ValidationGapReport> ValidationGapAsync(Competition competition, Viewer viewer, int? teamId = null, CancellationToken cancellationToken = default)
    {
        var (resamples, seed) = Bootstrap;
        var team = await LoadAsync(competition, viewer, teamId, cancellationToken);
        if (team.Unavailable is not null)
        {
            return new ValidationGapReport([], resamples, seed, team.Unavailable);
        }

        var rows = team.Submissions.Where(s => s.ValidationF1 is not null || s.ValidationFoldF1s.Count >= 2).ToList();
        if (rows.Count == 0)
        {
            return new ValidationGapReport([], resamples, seed);
        }

        var scores = BootstrapScores.Compute(team.Truth, rows.Select(s => (ReadOnlyMemory<byte>)Public(s.Labels!, team.Positions)).ToList(),
            team.ClassCount, resamples, seed);
        var result = new List<ValidationGapRow>(rows.Count);
        for (var i = 0; i < rows.Count; i++)
        {
            var s = rows[i];
            var folds = s.ValidationFoldF1s.Count >= 2 ? ValidationFolds.FromValues(s.ValidationFoldF1s) : null;
            var gap = ValidationGapCheck.Assess(scores.Interval(i), s.ValidationF1, folds);
            var spread = folds?.HalfWidth95 ?? 0;
            result.Add(new ValidationGapRow(s.Id, s.Description, s.CreatedAtUtc, gap.Public.Score, gap.Public.Lower, gap.Public.Upper,
                gap.Validation, Math.Max(0, gap.Validation - spread), Math.Min(1, gap.Validation + spread), s.ValidationFoldF1s.Count,
                gap.Gap, gap.Tolerance, gap.Ratio, gap.Verdict, gap.Message));
        }

        return new ValidationGapReport(result, resamples, seed);
    }

    /// <summary>
    /// The final-pick assistant for the viewer's team (or <paramref name="teamId"/>'s, for a host) while finals may still
    /// change: every scored submission against the best public one, and as many suggested finals as the competition takes.
    /// </summary>
    public async Task<FinalPickReport> FinalPicksAsync(Competition competition, Viewer viewer, int? teamId = null, CancellationToken cancellationToken = default)
    {
        var (resamples, seed) = Bootstrap;
        if (!VisibilityPolicy.MayChangeFinals(viewer, competition))
        {
            return new FinalPickReport([], [], resamples, seed, FinalsFixedSentence, FinalsFixed: true);
        }

        var team = await LoadAsync(competition, viewer, teamId, cancellationToken);
        if (team.Unavailable is not null)
        {
            return new FinalPickReport([], [], resamples, seed, team.Unavailable);
        }

        var rows = team.Submissions;
        if (rows.Count == 0)
        {
            return new FinalPickReport([], [], resamples, seed);
        }

        var advice = FinalPickAssistant.Advise(team.Truth, rows.Select(s => (ReadOnlyMemory<byte>)Public(s.Labels!, team.Positions)).ToList(),
            team.ClassCount, Math.Max(1, competition.FinalSelectionLimit), resamples, seed);
        var best = rows[advice.Best];
        var candidates = advice.Candidates
            .Select(c => new FinalPickCandidateRow(rows[c.Index].Id, rows[c.Index].Description, rows[c.Index].CreatedAtUtc, c.PublicF1, c.Index == advice.Best,
                c.ToBest?.Lower, c.ToBest?.Upper, c.TiedWithBest, c.Disagreement, rows[c.Index].IsFinal))
            .OrderByDescending(c => c.IsBest).ThenByDescending(c => c.PublicF1).ThenBy(c => c.CreatedAtUtc).ToList();
        var suggested = advice.Suggested
            .Select(p => new FinalPickSuggestion(rows[p.Index].Id, p.Reason, p.DisagreementWithPicks, Why(p, advice.Candidates[p.Index], best, advice.Tied.Count())))
            .ToList();
        return new FinalPickReport(candidates, suggested, resamples, seed);
    }

    private (int Resamples, ulong Seed) Bootstrap => (options.Value.CompareBootstrapResamples, options.Value.CompareBootstrapSeed);

    private static string Why(FinalPick pick, FinalCandidate candidate, Submission best, int tied) => pick.Reason switch
    {
        FinalPickReason.BestPublic => Invariant($"#{best.Id} has your best public macro F1 ({candidate.PublicF1:0.0000})."),
        FinalPickReason.TiedAndMostDifferent => Invariant(
            $"Statistically tied with #{best.Id} (best minus this: {candidate.ToBest!.Lower:+0.0000;-0.0000} to {candidate.ToBest.Upper:+0.0000;-0.0000}, which contains 0), and of the {tied} tied submission{(tied == 1 ? "" : "s")} the one that disagrees most with the picks before it ({pick.DisagreementWithPicks:0.0%} of the public images): an equally good but different bet, so the better of the two on the private images is likely higher."),
        _ => Invariant(
            $"Nothing left is tied with #{best.Id}, so the next best public macro F1 ({candidate.PublicF1:0.0000}; best minus this: {candidate.ToBest!.Lower:+0.0000;-0.0000} to {candidate.ToBest.Upper:+0.0000;-0.0000})."),
    };

    private static string Invariant(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);

    /// <summary>
    /// The scored submissions (oldest first) of the team shown, with the public truth, or why there are none to show. A
    /// participant sees its own team only; a host any team of the competition it names.
    /// </summary>
    private async Task<TeamLabels> LoadAsync(Competition competition, Viewer viewer, int? asked, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(competition);
        ArgumentNullException.ThrowIfNull(viewer);
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        int teamId;
        if (asked is int other && viewer.IsHost)
        {
            if (!await db.Teams.AnyAsync(t => t.Id == other && t.CompetitionId == competition.Id, cancellationToken))
            {
                return new TeamLabels([], [], [], 0, UnknownTeamSentence);
            }

            teamId = other;
        }
        else if (await TeamAccess.TeamInAsync(db, competition.Id, viewer, cancellationToken) is int own)
        {
            if (asked is int notOwn && notOwn != own)
            {
                return new TeamLabels([], [], [], 0, OtherTeamSentence);
            }

            teamId = own;
        }
        else
        {
            return new TeamLabels([], [], [], 0, asked is null || viewer.IsHost ? NoTeamSentence : OtherTeamSentence);
        }

        if (await hiddenSets.GetAsync(competition.Id) is not { } hidden)
        {
            return new TeamLabels([], [], [], 0, null);
        }

        var count = hidden.Truth.Count;
        // Only rows scored against the current hidden set; one waiting for a rescore is left out until it is scored again.
        var submissions = await db.Submissions.AsNoTracking()
            .Where(s => s.TeamId == teamId && s.Status == SubmissionStatus.Scored && s.Labels != null)
            .OrderBy(s => s.CreatedAtUtc).ThenBy(s => s.Id).ToListAsync(cancellationToken);
        var positions = hidden.Split.PublicPositions;
        return new TeamLabels(submissions.Where(s => s.Labels!.Length == count).ToList(), Public(hidden.Truth.Labels, positions), positions,
            hidden.Taxonomy.Count, null);
    }

    private static byte[] Public(ReadOnlySpan<byte> all, int[] positions)
    {
        var subset = new byte[positions.Length];
        for (var i = 0; i < positions.Length; i++)
        {
            subset[i] = all[positions[i]];
        }

        return subset;
    }

    private sealed record TeamLabels(List<Submission> Submissions, byte[] Truth, int[] Positions, int ClassCount, string? Unavailable);
}
