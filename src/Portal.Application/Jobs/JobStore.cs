using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Portal.Data;
using Portal.Data.Entities;

namespace Portal.Application.Jobs;

/// <summary>
/// The persisted job queue: adding, claiming, renewing and finishing jobs. Claiming is safe with several workers on one
/// database (<c>FOR UPDATE SKIP LOCKED</c> on PostgreSQL, a conditional update on SQLite); a worker that dies leaves its
/// job to be claimed again when its lease runs out.
/// </summary>
public sealed class JobStore(IDbContextFactory<PortalDbContext> dbFactory, TimeProvider clock, IOptions<JobOptions> options) : IDisposable
{
    private readonly SemaphoreSlim _signal = new(0, int.MaxValue);

    /// <summary>Adds a job to <paramref name="db"/> (saved with the caller's changes); call <see cref="Wake"/> after saving.</summary>
    public Job Add(PortalDbContext db, JobKind kind, int? competitionId, int? submissionId, string? payload = null)
    {
        ArgumentNullException.ThrowIfNull(db);
        var job = new Job
        {
            Kind = kind,
            State = JobState.Queued,
            CompetitionId = competitionId,
            SubmissionId = submissionId,
            Payload = payload,
            CreatedAtUtc = clock.GetUtcNow().UtcDateTime,
        };
        db.Jobs.Add(job);
        return job;
    }

    public void Dispose() => _signal.Dispose();

    /// <summary>Tells an idle worker that there is work.</summary>
    public void Wake() => _signal.Release();

    /// <summary>Waits until woken or the poll interval passes.</summary>
    public Task WaitAsync(CancellationToken cancellationToken) => _signal.WaitAsync(options.Value.PollInterval, cancellationToken);

    /// <summary>
    /// Claims the runnable job of the highest priority, the oldest first (queued, or running with its lease expired) for <paramref name="owner"/>, with a
    /// lease of <see cref="JobOptions.Lease"/>, or returns null when there is none; jobs of <paramref name="skip"/> kinds
    /// are left for later. The job returned is as claimed (state Running, its attempts counted). Safe with any number of
    /// workers on one database: each runnable job goes to exactly one of them.
    /// </summary>
    public async Task<Job?> ClaimAsync(string owner, CancellationToken cancellationToken, IReadOnlyCollection<JobKind>? skip = null)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var now = clock.GetUtcNow().UtcDateTime;
        var lease = now + options.Value.Lease;
        skip ??= [];
        return db.Database.IsNpgsql()
            ? await ClaimSkippingLockedAsync(db, owner, now, lease, skip, cancellationToken)
            : await ClaimConditionallyAsync(db, owner, now, lease, skip, cancellationToken);
    }

    // PostgreSQL: one statement picks the oldest runnable job no other transaction holds (FOR UPDATE SKIP LOCKED) and
    // claims it, so concurrent workers take different jobs without waiting for each other or retrying.
    private static async Task<Job?> ClaimSkippingLockedAsync(
        PortalDbContext db, string owner, DateTime now, DateTime lease, IReadOnlyCollection<JobKind> skip, CancellationToken cancellationToken)
    {
        var queued = nameof(JobState.Queued);
        var running = nameof(JobState.Running);
        var skipped = skip.Select(k => k.ToString()).ToArray();
        var claimed = await db.Jobs.FromSql($"""
            UPDATE "Jobs" SET "State" = {running}, "LeaseOwner" = {owner}, "LeaseExpiresAtUtc" = {lease},
                "Attempts" = "Attempts" + 1, "StartedAtUtc" = {now}
            WHERE "Id" = (
                SELECT "Id" FROM "Jobs"
                WHERE ("State" = {queued} OR ("State" = {running} AND "LeaseExpiresAtUtc" < {now}))
                    AND NOT ("Kind" = ANY ({skipped}))
                ORDER BY "Priority" DESC, "Id"
                LIMIT 1
                FOR UPDATE SKIP LOCKED)
            RETURNING *
            """).AsNoTracking().ToListAsync(cancellationToken);
        return claimed.SingleOrDefault();
    }

    // SQLite (one writer at a time, no row locks): read the oldest candidate, then claim it with an update conditional
    // on it still being runnable; a worker that lost the race to another tries the next.
    private static async Task<Job?> ClaimConditionallyAsync(
        PortalDbContext db, string owner, DateTime now, DateTime lease, IReadOnlyCollection<JobKind> skip, CancellationToken cancellationToken)
    {
        for (var tries = 0; tries < 5; tries++)
        {
            var runnable = db.Jobs.AsNoTracking()
                .Where(j => j.State == JobState.Queued || (j.State == JobState.Running && j.LeaseExpiresAtUtc < now));
            foreach (var kind in skip)
            {
                runnable = runnable.Where(j => j.Kind != kind);
            }

            var candidate = await runnable
                .OrderByDescending(j => j.Priority).ThenBy(j => j.Id)
                .Select(j => j.Id)
                .FirstOrDefaultAsync(cancellationToken);
            if (candidate == 0)
            {
                return null;
            }

            var claimed = await db.Jobs
                .Where(j => j.Id == candidate && (j.State == JobState.Queued || (j.State == JobState.Running && j.LeaseExpiresAtUtc < now)))
                .ExecuteUpdateAsync(s => s
                    .SetProperty(j => j.State, JobState.Running)
                    .SetProperty(j => j.LeaseOwner, owner)
                    .SetProperty(j => j.LeaseExpiresAtUtc, lease)
                    .SetProperty(j => j.Attempts, j => j.Attempts + 1)
                    .SetProperty(j => j.StartedAtUtc, now), cancellationToken);
            if (claimed == 1)
            {
                return await db.Jobs.AsNoTracking().FirstAsync(j => j.Id == candidate, cancellationToken);
            }
        }

        return null;
    }

    /// <summary>Extends the lease of a running job; false when it is no longer this owner's.</summary>
    public async Task<bool> RenewAsync(long jobId, string owner, double progress, string? text, CancellationToken cancellationToken)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var lease = clock.GetUtcNow().UtcDateTime + options.Value.Lease;
        return await db.Jobs.Where(j => j.Id == jobId && j.LeaseOwner == owner && j.State == JobState.Running)
            .ExecuteUpdateAsync(s => s
                .SetProperty(j => j.LeaseExpiresAtUtc, lease)
                .SetProperty(j => j.Progress, progress)
                .SetProperty(j => j.ProgressText, text), cancellationToken) == 1;
    }

    /// <summary>Marks a job finished (succeeded, failed or cancelled).</summary>
    public async Task FinishAsync(long jobId, string owner, JobState state, string? error, CancellationToken cancellationToken)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var now = clock.GetUtcNow().UtcDateTime;
        await db.Jobs.Where(j => j.Id == jobId && j.LeaseOwner == owner)
            .ExecuteUpdateAsync(s => s
                .SetProperty(j => j.State, state)
                .SetProperty(j => j.Error, error)
                .SetProperty(j => j.Progress, j => state == JobState.Succeeded ? 1.0 : j.Progress)
                .SetProperty(j => j.FinishedAtUtc, now)
                .SetProperty(j => j.LeaseOwner, (string?)null)
                .SetProperty(j => j.LeaseExpiresAtUtc, (DateTime?)null), cancellationToken);
    }

    /// <summary>
    /// Hands a job back to the queue, so it is picked up at once: when this instance is stopping
    /// (<paramref name="attemptCounts"/> false: the attempt is given back) or after an attempt that
    /// crashed (true: it counts toward <see cref="JobOptions.MaxAttempts"/>).
    /// </summary>
    public async Task ReleaseAsync(long jobId, string owner, bool attemptCounts, CancellationToken cancellationToken)
    {
        var givenBack = attemptCounts ? 0 : 1;
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        await db.Jobs.Where(j => j.Id == jobId && j.LeaseOwner == owner && j.State == JobState.Running)
            .ExecuteUpdateAsync(s => s
                .SetProperty(j => j.State, JobState.Queued)
                .SetProperty(j => j.Attempts, j => j.Attempts - givenBack)
                .SetProperty(j => j.LeaseOwner, (string?)null)
                .SetProperty(j => j.LeaseExpiresAtUtc, (DateTime?)null), cancellationToken);
    }
}
