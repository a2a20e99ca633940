using System.Text;
using Microsoft.EntityFrameworkCore;
using Portal.Core.Competitions;
using Portal.Core.Submissions;
using Portal.Data;
using Portal.Application.Caching;

namespace Portal.Application.Competitions;

/// <summary>
/// Each competition's hidden set, loaded once per <see cref="Data.Entities.Competition.HiddenSetVersion"/> and kept in
/// memory for scoring: each read asks the database for the current version (one primary-key lookup), so a hidden set
/// replaced by any process is used at the next read.
/// </summary>
public sealed class HiddenSetCache(IDbContextFactory<PortalDbContext> dbFactory, ICompetitionCache<LoadedHiddenSet?> cache)
{
    // Compiled: it runs before every scoring.
    private static readonly Func<PortalDbContext, int, Task<long?>> CurrentVersion = EF.CompileAsyncQuery(
        (PortalDbContext db, int competitionId) => db.Competitions.AsNoTracking().Where(c => c.Id == competitionId).Select(c => (long?)c.HiddenSetVersion).FirstOrDefault());

    /// <summary>The hidden set of a competition, or null when it has none yet (or there is no such competition).</summary>
    public async Task<LoadedHiddenSet?> GetAsync(int competitionId)
    {
        long? version;
        await using (var db = await dbFactory.CreateDbContextAsync())
        {
            version = await CurrentVersion(db, competitionId);
        }

        // No hidden set is kept like any other value: importing one raises the version.
        return version is null ? null : await cache.GetAsync(competitionId, version.Value, () => LoadAsync(competitionId));
    }

    private async Task<LoadedHiddenSet?> LoadAsync(int competitionId)
    {
        await using var db = await dbFactory.CreateDbContextAsync();
        var competition = await db.Competitions.AsNoTracking().Include(c => c.HiddenSet).FirstOrDefaultAsync(c => c.Id == competitionId);
        if (competition?.HiddenSet is not { } hidden)
        {
            return null;
        }

        var taxonomy = CompetitionTaxonomy.From(competition);
        var ids = Encoding.UTF8.GetString(hidden.ImageIds).Split('\n');
        var truth = new GroundTruth(new ImageIndex(ids), hidden.Labels, taxonomy.Count);
        var split = PublicPrivateSplit.FromAssignment(hidden.PublicMask.Select(b => b != 0).ToArray(), competition.PublicFraction, (ulong)competition.SplitSeed);
        return new LoadedHiddenSet(competitionId, truth, split, taxonomy, hidden.ImagesKey);
    }
}
