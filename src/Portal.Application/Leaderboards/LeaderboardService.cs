using System.Collections.Concurrent;
using Microsoft.EntityFrameworkCore;
using Portal.Core.Scoring;
using Portal.Data;
using Portal.Data.Entities;
using Portal.Application.Access;
using Portal.Application.Jobs;

namespace Portal.Application.Leaderboards;

/// <summary>
/// The boards of a competition, computed by the core's ranking rules from the scored submissions
/// and cached until a score arrives or the competition changes.
/// </summary>
public sealed class LeaderboardService
{
    private readonly IDbContextFactory<PortalDbContext> _dbFactory;
    private readonly ConcurrentDictionary<int, Task<Snapshot>> _cache = new();

    public LeaderboardService(IDbContextFactory<PortalDbContext> dbFactory, JobEvents events)
    {
        ArgumentNullException.ThrowIfNull(events);
        _dbFactory = dbFactory;
        events.LeaderboardChanged += id => _cache.TryRemove(id, out _);
    }

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

    private Task<Snapshot> SnapshotAsync(Competition competition, CancellationToken cancellationToken)
    {
        var task = _cache.GetOrAdd(competition.Id, _ => LoadAsync(competition.Id, competition.FinalSelectionLimit, CancellationToken.None));
        if (task.IsFaulted)
        {
            _cache.TryRemove(competition.Id, out _);
        }

        return task.WaitAsync(cancellationToken);
    }

    private async Task<Snapshot> LoadAsync(int competitionId, int finalsAllowed, CancellationToken cancellationToken)
    {
        await using var db = await _dbFactory.CreateDbContextAsync(cancellationToken);
        var entries = await db.Submissions.AsNoTracking()
            .Where(s => s.CompetitionId == competitionId && s.Status == SubmissionStatus.Scored && s.PublicScore != null)
            .Select(s => new LeaderboardEntry(s.TeamId, s.Team!.Name, s.Team.IsBaseline, s.Id, s.CreatedAtUtc, s.PublicScore!.Value, s.PrivateScore, s.IsFinal))
            .ToListAsync(cancellationToken);
        return new Snapshot(entries, LeaderboardRanking.Public(entries), LeaderboardRanking.Private(entries, finalsAllowed));
    }

    private sealed record Snapshot(IReadOnlyList<LeaderboardEntry> Entries, IReadOnlyList<LeaderboardRow> Public, IReadOnlyList<LeaderboardRow> Private);
}
