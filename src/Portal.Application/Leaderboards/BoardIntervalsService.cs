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
/// Every board row's macro F1 with its 95% paired-bootstrap interval over the board's images, and tiers of rows within
/// noise of each other (<see cref="BoardTiers"/>), with Compare's resamples and seed. Computed once per board change
/// (cached under the competition's board version, which every score, final pick and rescore raises), both boards at once.
/// </summary>
/// <remarks>
/// Leak safety: during the competition only the public board's intervals are shown, and each is a function of one
/// submission's confusion counts on the public images under resampling (<see cref="BoardTiers"/>); no per-image
/// correctness and nothing of the private images leaves the server. The private board's intervals follow the private
/// board's own rule (<see cref="VisibilityPolicy.SeesPrivate"/>), applied by <see cref="LeaderboardService"/>.
/// </remarks>
public sealed class BoardIntervalsService(
    IDbContextFactory<PortalDbContext> dbFactory,
    LeaderboardService leaderboards,
    HiddenSetCache hiddenSets,
    ICompetitionCache<BoardIntervalsService.Snapshot> cache,
    IOptions<PortalOptions> options)
{
    /// <summary>The intervals and tiers of <paramref name="board"/> as <paramref name="viewer"/> may see it.</summary>
    public async Task<BoardIntervals> GetAsync(Competition competition, BoardKind board, Viewer viewer, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(competition);
        var view = await leaderboards.GetAsync(competition, board, viewer, cancellationToken);
        if (view.Unavailable is not null)
        {
            return new BoardIntervals(board, [], 0, 0, view.Unavailable);
        }

        long? version;
        await using (var db = await dbFactory.CreateDbContextAsync(cancellationToken))
        {
            version = await db.Competitions.AsNoTracking().Where(c => c.Id == competition.Id).Select(c => (long?)c.BoardVersion).FirstOrDefaultAsync(cancellationToken);
        }

        if (version is null)
        {
            return new BoardIntervals(board, [], 0, 0);
        }

        var snapshot = await cache.GetAsync(competition.Id, version.Value, () => ComputeAsync(competition), cancellationToken);
        return board == BoardKind.Public ? snapshot.Public : snapshot.Private;
    }

    private async Task<Snapshot> ComputeAsync(Competition competition)
    {
        // Read as a host: the cache holds both boards, and GetAsync decides who sees which.
        var host = new Viewer(null, IsHost: true);
        var hidden = await hiddenSets.GetAsync(competition.Id);
        var publicRows = (await leaderboards.GetAsync(competition, BoardKind.Public, host)).Rows.Select(r => r.SubmissionId).ToList();
        var privateRows = (await leaderboards.GetAsync(competition, BoardKind.Private, host)).Rows.Select(r => r.SubmissionId).ToList();
        if (hidden is null)
        {
            return new Snapshot(new BoardIntervals(BoardKind.Public, [], 0, 0), new BoardIntervals(BoardKind.Private, [], 0, 0));
        }

        var ids = publicRows.Concat(privateRows).Distinct().ToList();
        Dictionary<int, byte[]> labels;
        await using (var db = await dbFactory.CreateDbContextAsync())
        {
            labels = await db.Submissions.AsNoTracking().Where(s => ids.Contains(s.Id) && s.Labels != null)
                .ToDictionaryAsync(s => s.Id, s => s.Labels!);
        }

        var privatePositions = Enumerable.Range(0, hidden.Truth.Count).Where(p => !hidden.Split.IsPublic(p)).ToArray();
        return new Snapshot(
            Compute(BoardKind.Public, publicRows, labels, hidden, hidden.Split.PublicPositions),
            Compute(BoardKind.Private, privateRows, labels, hidden, privatePositions));
    }

    private BoardIntervals Compute(BoardKind board, List<int> rows, Dictionary<int, byte[]> labels, LoadedHiddenSet hidden, int[] positions)
    {
        var resamples = options.Value.CompareBootstrapResamples;
        var seed = options.Value.CompareBootstrapSeed;
        var scored = rows.Where(labels.ContainsKey).ToList();
        if (scored.Count == 0 || positions.Length == 0)
        {
            return new BoardIntervals(board, [], resamples, seed);
        }

        var truth = PositionSubset.Of(hidden.Truth.Labels, positions);
        var predicted = scored.Select(id => (ReadOnlyMemory<byte>)PositionSubset.Of(labels[id], positions)).ToList();
        var tiers = BoardTiers.Compute(truth, predicted, hidden.Taxonomy.Count, resamples, seed);
        var result = tiers.Rows.Select(r => new BoardIntervalRow(scored[r.Position], r.Score.Score, r.Score.Lower, r.Score.Upper, r.Tier, r.StartsTier)).ToList();
        return new BoardIntervals(board, result, tiers.Resamples, tiers.Seed);
    }


    /// <summary>Both boards' intervals at one board version.</summary>
    public sealed record Snapshot(BoardIntervals Public, BoardIntervals Private);
}
