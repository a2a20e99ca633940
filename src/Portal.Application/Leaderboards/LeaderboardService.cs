using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Portal.Core.Scoring;
using Portal.Core.Trust;
using Portal.Data;
using Portal.Data.Entities;
using Portal.Application.Access;
using Portal.Application.Caching;
using Portal.Application.Competitions;

namespace Portal.Application.Leaderboards;

/// <summary>
/// The boards of a competition, computed by the core's ranking rules from the scored submissions and cached under the
/// competition's <see cref="Competition.BoardVersion"/>: each read asks the database for the current version (one
/// primary-key lookup), so a score written by any process is on the board at the next read.
/// </summary>
/// <remarks>
/// Ladder mode (<see cref="BoardLadder"/>), when the host turns it on, decides which score of each team the public board
/// shows; the private board is unchanged, and its rank changes count from the public board as it was shown.
/// </remarks>
public sealed class LeaderboardService(
    IDbContextFactory<PortalDbContext> dbFactory, ICompetitionCache<LeaderboardSnapshot> cache, HiddenSetCache hiddenSets, IOptions<PortalOptions> options,
    TimeProvider time)
{
    // Compiled: it runs on every read (bench/RESULTS.md, issue 10).
    private static readonly Func<PortalDbContext, int, CancellationToken, Task<BoardState?>> CurrentState = EF.CompileAsyncQuery(
        (PortalDbContext db, int competitionId, CancellationToken _) => db.Competitions.AsNoTracking().Where(c => c.Id == competitionId)
            .Select(c => new BoardState(c.BoardVersion, c.FinalSelectionLimit, c.LadderMode, c.LadderStep)).FirstOrDefault());

    /// <summary>
    /// The public board, or the private board when the competition is closed (hosts may always see
    /// it). Private scores never leave the server while the competition runs.
    /// </summary>
    public async Task<LeaderboardView> GetAsync(Competition competition, BoardKind board, Viewer viewer, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(competition);
        ArgumentNullException.ThrowIfNull(viewer);
        var privateAvailable = VisibilityPolicy.SeesPrivate(viewer, competition);
        if (board == BoardKind.Private && !privateAvailable)
        {
            return new LeaderboardView(board, [], false, "The private board is revealed when the competition closes.");
        }

        var snapshot = await SnapshotAsync(competition, cancellationToken);
        return board == BoardKind.Public
            ? new LeaderboardView(board, snapshot.Public, privateAvailable, Ladder: snapshot.LadderRule)
            : new LeaderboardView(board, snapshot.Private, privateAvailable);
    }

    /// <summary>
    /// Best-so-far score over time for the top <paramref name="teams"/> teams of a board: on the public board each team's
    /// public score; on the private board (once the viewer may see it) the private score of the submissions that count for
    /// the team there (its finals, as <see cref="LeaderboardRanking.PrivateCandidates"/>), so the chart shows nothing the
    /// private board does not rank.
    /// </summary>
    public async Task<ScoreTimeline> TimelineAsync(Competition competition, BoardKind board, Viewer viewer, int teams, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(competition);
        ArgumentNullException.ThrowIfNull(viewer);
        if (board == BoardKind.Private && !VisibilityPolicy.SeesPrivate(viewer, competition))
        {
            return ScoreTimeline.Empty(board);
        }

        var snapshot = await SnapshotAsync(competition, cancellationToken);
        var rows = board == BoardKind.Public ? snapshot.Public : snapshot.Private;
        var series = rows.Take(teams).Select(row =>
        {
            var team = snapshot.Entries.Where(e => e.TeamId == row.TeamId).ToList();
            var counted = board == BoardKind.Public ? team : LeaderboardRanking.PrivateCandidates(team.Where(e => e.PrivateScore is not null), snapshot.FinalsAllowed);
            var points = new List<(DateTime, double)>();
            var best = double.NegativeInfinity;
            foreach (var entry in counted.OrderBy(e => e.SubmittedAtUtc))
            {
                // Under the ladder the public timeline shows the board's scores, not the ones it held back.
                var score = board == BoardKind.Private ? entry.PrivateScore!.Value
                    : snapshot.Shown is null ? entry.PublicScore : snapshot.Shown.GetValueOrDefault(entry.SubmissionId, double.NegativeInfinity);
                if (score > best)
                {
                    best = score;
                    points.Add((entry.SubmittedAtUtc, best));
                }
            }

            return new ScoreTimelineSeries(row.TeamName, points);
        }).Where(s => s.Points.Count > 0).ToList();

        if (series.Count == 0)
        {
            return ScoreTimeline.Empty(board);
        }

        var first = series.Min(s => s.Points[0].AtUtc);
        var last = series.Max(s => s.Points[^1].AtUtc);
        var end = competition.State == CompetitionState.Closed ? competition.ClosedAtUtc ?? competition.EndsAtUtc : time.GetUtcNow().UtcDateTime;
        var from = competition.StartsAtUtc < first ? competition.StartsAtUtc : first;
        return new ScoreTimeline(board, series, from, end > last ? end : last);
    }

    private async Task<LeaderboardSnapshot> SnapshotAsync(Competition competition, CancellationToken cancellationToken)
    {
        BoardState? current;
        await using (var db = await dbFactory.CreateDbContextAsync(cancellationToken))
        {
            current = await CurrentState(db, competition.Id, cancellationToken);
        }

        // The finals limit is read with the version, not taken from the caller's copy of the competition: a change of
        // it raises the version, so the snapshot kept under a version is computed with that version's limit.
        return current is null
            ? LeaderboardSnapshot.Empty
            : await cache.GetAsync(competition.Id, current.Version, () => LoadAsync(competition.Id, current), cancellationToken);
    }

    private async Task<LeaderboardSnapshot> LoadAsync(int competitionId, BoardState state)
    {
        List<LeaderboardEntry> entries;
        await using (var db = await dbFactory.CreateDbContextAsync())
        {
            entries = await db.Submissions.AsNoTracking()
                .Where(s => s.CompetitionId == competitionId && s.Status == SubmissionStatus.Scored && s.PublicScore != null)
                .Select(s => new LeaderboardEntry(s.TeamId, s.Team!.Name, s.Team.IsBaseline, s.Id, s.CreatedAtUtc, s.PublicScore!.Value, s.PrivateScore, s.IsFinal))
                .ToListAsync();
        }

        var shown = state.Ladder switch
        {
            LadderMode.FixedStep => BoardLadder.FixedStep(entries, state.Step),
            LadderMode.ParameterFree => await ParameterFreeAsync(competitionId, entries),
            _ => null,
        };
        return new LeaderboardSnapshot(entries, LeaderboardRanking.Public(entries, shown), LeaderboardRanking.Private(entries, state.FinalsAllowed, shown))
        {
            Shown = shown,
            FinalsAllowed = state.FinalsAllowed,
            LadderRule = BoardLadder.Explain(state.Ladder, state.Step),
        };
    }

    /// <summary>The parameter-free ladder: each team's submissions resampled together on the public images, with Compare's resamples and seed.</summary>
    private async Task<Dictionary<int, double>?> ParameterFreeAsync(int competitionId, List<LeaderboardEntry> entries)
    {
        if (await hiddenSets.GetAsync(competitionId) is not { } hidden)
        {
            return null;
        }

        var ids = entries.Select(e => e.SubmissionId).ToList();
        Dictionary<int, byte[]> labels;
        await using (var db = await dbFactory.CreateDbContextAsync())
        {
            labels = await db.Submissions.AsNoTracking().Where(s => ids.Contains(s.Id) && s.Labels != null).ToDictionaryAsync(s => s.Id, s => s.Labels!);
        }

        var positions = hidden.Split.PublicPositions;
        var truth = PositionSubset.Of(hidden.Truth.Labels, positions);
        var known = entries.Where(e => labels.ContainsKey(e.SubmissionId)).ToList();
        return BoardLadder.ParameterFree(known, team => BootstrapScores.Compute(
            truth, team.Select(e => (ReadOnlyMemory<byte>)PositionSubset.Of(labels[e.SubmissionId], positions)).ToList(), hidden.Taxonomy.Count,
            options.Value.CompareBootstrapResamples, options.Value.CompareBootstrapSeed));
    }


    private sealed record BoardState(long Version, int FinalsAllowed, LadderMode Ladder, double Step);
}
