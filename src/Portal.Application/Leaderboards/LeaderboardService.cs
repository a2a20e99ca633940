using Microsoft.EntityFrameworkCore;
using Portal.Core.Scoring;
using Portal.Data;
using Portal.Data.Entities;
using Portal.Application.Access;
using Portal.Application.Caching;

namespace Portal.Application.Leaderboards;

/// <summary>
/// The boards of a competition, computed by the core's ranking rules from the scored submissions and cached under the
/// competition's <see cref="Competition.BoardVersion"/>: each read asks the database for the current version (one
/// primary-key lookup), so a score written by any process is on the board at the next read.
/// </summary>
public sealed class LeaderboardService(IDbContextFactory<PortalDbContext> dbFactory, ICompetitionCache<LeaderboardSnapshot> cache)
{
    // Compiled: it runs on every read (bench/RESULTS.md, issue 10).
    private static readonly Func<PortalDbContext, int, CancellationToken, Task<BoardState?>> CurrentState = EF.CompileAsyncQuery(
        (PortalDbContext db, int competitionId, CancellationToken _) => db.Competitions.AsNoTracking().Where(c => c.Id == competitionId)
            .Select(c => new BoardState(c.BoardVersion, c.FinalSelectionLimit)).FirstOrDefault());

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
        return new LeaderboardView(board, board == BoardKind.Public ? snapshot.Public : snapshot.Private, privateAvailable);
    }

    /// <summary>Best-so-far public score over time for the top <paramref name="teams"/> teams of the public board.</summary>
    public async Task<IReadOnlyList<ScoreTimelineSeries>> TimelineAsync(Competition competition, int teams, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(competition);
        var snapshot = await SnapshotAsync(competition, cancellationToken);
        return snapshot.Public.Take(teams).Select(row =>
        {
            var points = new List<(DateTime, double)>();
            var best = double.NegativeInfinity;
            foreach (var entry in snapshot.Entries.Where(e => e.TeamId == row.TeamId).OrderBy(e => e.SubmittedAtUtc))
            {
                if (entry.PublicScore > best)
                {
                    best = entry.PublicScore;
                    points.Add((entry.SubmittedAtUtc, best));
                }
            }

            return new ScoreTimelineSeries(row.TeamName, points);
        }).ToList();
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
            : await cache.GetAsync(competition.Id, current.Version, () => LoadAsync(competition.Id, current.FinalsAllowed), cancellationToken);
    }

    private async Task<LeaderboardSnapshot> LoadAsync(int competitionId, int finalsAllowed)
    {
        await using var db = await dbFactory.CreateDbContextAsync();
        var entries = await db.Submissions.AsNoTracking()
            .Where(s => s.CompetitionId == competitionId && s.Status == SubmissionStatus.Scored && s.PublicScore != null)
            .Select(s => new LeaderboardEntry(s.TeamId, s.Team!.Name, s.Team.IsBaseline, s.Id, s.CreatedAtUtc, s.PublicScore!.Value, s.PrivateScore, s.IsFinal))
            .ToListAsync();
        return new LeaderboardSnapshot(entries, LeaderboardRanking.Public(entries), LeaderboardRanking.Private(entries, finalsAllowed));
    }

    private sealed record BoardState(long Version, int FinalsAllowed);
}
