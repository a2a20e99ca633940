using System.Collections.Concurrent;

namespace Portal.Application.Caching;

/// <summary>
/// <see cref="ICompetitionCache{TValue}"/> in this process's memory (the default): the newest version's value per
/// competition, an older one dropped when a newer version is loaded.
/// </summary>
public sealed class InProcessCompetitionCache<TValue> : ICompetitionCache<TValue>
{
    private readonly ConcurrentDictionary<int, Entry> _entries = new();

    public Task<TValue> GetAsync(int competitionId, long version, Func<Task<TValue>> load, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(load);
        while (true)
        {
            var kept = _entries.GetValueOrDefault(competitionId);
            // A newer entry serves a caller who read an older version: it holds at least what that version did.
            if (kept is not null && kept.Version >= version && !kept.Value.Value.IsFaulted && !kept.Value.Value.IsCanceled)
            {
                return kept.Value.Value.WaitAsync(cancellationToken);
            }

            // Lazy, so a caller that loses the race to store its entry never starts a load; async, so even a load that
            // throws before its first await fails its task rather than the Lazy.
            var fresh = new Entry(version, new Lazy<Task<TValue>>(async () => await load()));
            if (kept is null ? _entries.TryAdd(competitionId, fresh) : _entries.TryUpdate(competitionId, fresh, kept))
            {
                return fresh.Value.Value.WaitAsync(cancellationToken);
            }
        }
    }

    // A class: entries are compared by reference when replaced.
    private sealed class Entry(long version, Lazy<Task<TValue>> value)
    {
        public long Version { get; } = version;

        public Lazy<Task<TValue>> Value { get; } = value;
    }
}
