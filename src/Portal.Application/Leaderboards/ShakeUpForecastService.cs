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
/// The shake-up forecast of the public board (<see cref="ShakeUpForecaster"/>): for each ranked team, the plausible range
/// of its private rank from seeded half splits of the public images; and the real moves beside it once the viewer may see
/// the private board. Computed once per board version (cached under the competition's board version, as
/// <see cref="BoardIntervalsService"/>), the review with it.
/// </summary>
/// <remarks>
/// Leak safety: every forecast number is a rank derived from macro F1 of whole halves of the public images (confusion
/// counts of each row's submission on a half), so it says nothing about any one image and nothing of the private images.
/// The review (private ranks, moves, the share within range, Kendall's tau) is private-board data: it is computed with
/// the forecast but returned only to viewers who see the private board (<see cref="VisibilityPolicy.SeesPrivate"/>).
/// </remarks>
public sealed class ShakeUpForecastService(
    IDbContextFactory<PortalDbContext> dbFactory,
    LeaderboardService leaderboards,
    HiddenSetCache hiddenSets,
    ICompetitionCache<ShakeUpForecastService.Snapshot> cache,
    IOptions<PortalOptions> options)
{
    /// <summary>The forecast coverage: each range holds the central 90% of forecast ranks.</summary>
    public const double Coverage = 0.9;

    /// <summary>The forecast of the public board as <paramref name="viewer"/> may see it.</summary>
    public async Task<BoardForecast> GetAsync(Competition competition, Viewer viewer, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(competition);
        ArgumentNullException.ThrowIfNull(viewer);
        var view = await leaderboards.GetAsync(competition, BoardKind.Public, viewer, cancellationToken);
        if (view.Unavailable is not null)
        {
            return Empty() with { Unavailable = view.Unavailable };
        }

        long? version;
        await using (var db = await dbFactory.CreateDbContextAsync(cancellationToken))
        {
            version = await db.Competitions.AsNoTracking().Where(c => c.Id == competition.Id).Select(c => (long?)c.BoardVersion).FirstOrDefaultAsync(cancellationToken);
        }

        if (version is null)
        {
            return Empty();
        }

        var snapshot = await cache.GetAsync(competition.Id, version.Value, () => ComputeAsync(competition), cancellationToken);
        return VisibilityPolicy.SeesPrivate(viewer, competition) || !snapshot.Forecast.Reviewed ? snapshot.Forecast : snapshot.WithoutReview;
    }

    private BoardForecast Empty() => new([], options.Value.ForecastSplits, options.Value.CompareBootstrapSeed, Coverage);

    private async Task<Snapshot> ComputeAsync(Competition competition)
    {
        // Read as a host: the cache holds the review too, and GetAsync decides who sees it.
        var host = new Viewer(null, IsHost: true);
        var publicRows = (await leaderboards.GetAsync(competition, BoardKind.Public, host)).Rows.Where(r => r.Rank is not null).ToList();
        var privateRows = (await leaderboards.GetAsync(competition, BoardKind.Private, host)).Rows.Where(r => r.Rank is not null).ToList();
        var hidden = await hiddenSets.GetAsync(competition.Id);
        if (hidden is null || publicRows.Count == 0)
        {
            return new Snapshot(Empty(), Empty());
        }

        var ids = publicRows.Select(r => r.SubmissionId).ToList();
        Dictionary<int, byte[]> labels;
        await using (var db = await dbFactory.CreateDbContextAsync())
        {
            labels = await db.Submissions.AsNoTracking().Where(s => ids.Contains(s.Id) && s.Labels != null).ToDictionaryAsync(s => s.Id, s => s.Labels!);
        }

        // A row without stored labels cannot be resampled; the forecast ranks the others among themselves.
        publicRows = publicRows.Where(r => labels.ContainsKey(r.SubmissionId)).ToList();
        var positions = hidden.Split.PublicPositions;
        if (publicRows.Count == 0 || positions.Length == 0)
        {
            return new Snapshot(Empty(), Empty());
        }

        var truth = PositionSubset.Of(hidden.Truth.Labels, positions);
        var predicted = publicRows.Select(r => (ReadOnlyMemory<byte>)PositionSubset.Of(labels[r.SubmissionId], positions)).ToList();
        var privateImages = Math.Max(1, hidden.Truth.Count - positions.Length);
        var forecast = ShakeUpForecaster.Forecast(truth, predicted, hidden.Taxonomy.Count, privateImages,
            options.Value.ForecastSplits, options.Value.CompareBootstrapSeed, Coverage);
        var rows = publicRows.Select((r, i) =>
        {
            var f = forecast.Rows[i];
            return new BoardForecastRow(r.SubmissionId, r.TeamId, r.TeamName, i + 1, f.Lower, f.Median, f.Upper);
        }).ToList();
        var plain = new BoardForecast(rows, forecast.Splits, forecast.Seed, forecast.Coverage);

        // The real moves: each forecast team's rank among the forecast teams on the private board (which ranks finals).
        var privateOrder = privateRows.Select(r => r.TeamId).Where(t => rows.Any(f => f.TeamId == t)).ToList();
        if (privateOrder.Count != rows.Count)
        {
            return new Snapshot(plain, plain);
        }

        var privateRanks = rows.Select(r => privateOrder.IndexOf(r.TeamId) + 1).ToList();
        var review = ShakeUpForecaster.Review(forecast, privateRanks);
        var reviewed = plain with
        {
            Rows = rows.Select((r, i) => r with { PrivateRank = review.Rows[i].PrivateRank, Move = review.Rows[i].Move, WithinForecast = review.Rows[i].WithinForecast }).ToList(),
            WithinShare = review.WithinShare,
            KendallTau = review.KendallTau,
        };
        return new Snapshot(reviewed, plain);
    }


    /// <summary>The forecast at one board version, with its review and without.</summary>
    public sealed record Snapshot(BoardForecast Forecast, BoardForecast WithoutReview);
}
