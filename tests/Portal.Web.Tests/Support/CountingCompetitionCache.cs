using Portal.Application.Caching;

namespace Portal.Web.Tests.Support;

/// <summary>The in-process cache, counting the loads it runs (a read served from the cache runs none).</summary>
public sealed class CountingCompetitionCache<TValue> : ICompetitionCache<TValue>
{
    private readonly InProcessCompetitionCache<TValue> _inner = new();
    private int _loads;

    /// <summary>How many times a value was loaded.</summary>
    public int Loads => Volatile.Read(ref _loads);

    public Task<TValue> GetAsync(int competitionId, long version, Func<Task<TValue>> load, CancellationToken cancellationToken = default) =>
        _inner.GetAsync(competitionId, version, () =>
        {
            Interlocked.Increment(ref _loads);
            return load();
        }, cancellationToken);
}
