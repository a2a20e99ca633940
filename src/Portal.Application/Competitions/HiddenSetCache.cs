using System.Collections.Concurrent;
using System.Text;
using Microsoft.EntityFrameworkCore;
using Portal.Core.Competitions;
using Portal.Core.Submissions;
using Portal.Data;

namespace Portal.Application.Competitions;

/// <summary>Loads each competition's hidden set once and keeps it in memory for scoring.</summary>
public sealed class HiddenSetCache(IDbContextFactory<PortalDbContext> dbFactory)
{
    private readonly ConcurrentDictionary<int, Lazy<Task<LoadedHiddenSet?>>> _sets = new();

    /// <summary>The hidden set of a competition, or null when it has none yet.</summary>
    public async Task<LoadedHiddenSet?> GetAsync(int competitionId)
    {
        var lazy = _sets.GetOrAdd(competitionId, id => new Lazy<Task<LoadedHiddenSet?>>(() => LoadAsync(id)));
        var set = await lazy.Value;
        if (set is null)
        {
            // Not there yet: try again next time rather than caching the absence.
            _sets.TryRemove(competitionId, out _);
        }

        return set;
    }

    /// <summary>Forgets a competition's set (after it was replaced, or its classes changed).</summary>
    public void Invalidate(int competitionId) => _sets.TryRemove(competitionId, out _);

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
