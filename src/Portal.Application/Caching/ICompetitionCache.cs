namespace Portal.Application.Caching;

/// <summary>
/// Values computed from one competition's rows (its boards, its hidden set), each valid for one version of the
/// competition (<see cref="Data.Entities.Competition.BoardVersion"/>, <see cref="Data.Entities.Competition.HiddenSetVersion"/>).
/// The caller reads the current version from the database first; since every write raises the version in its own
/// transaction, a write by any process is seen at the next read, with no message needed.
/// </summary>
public interface ICompetitionCache<TValue>
{
    /// <summary>
    /// The value kept for <paramref name="competitionId"/> at <paramref name="version"/> or later, or else the result
    /// of <paramref name="load"/> (run once however many callers wait for it, not cancelled by any of them), kept
    /// under <paramref name="version"/>. A failed load is not kept: its exception goes to the callers waiting for it,
    /// and the next call loads again.
    /// </summary>
    Task<TValue> GetAsync(int competitionId, long version, Func<Task<TValue>> load, CancellationToken cancellationToken = default);
}
