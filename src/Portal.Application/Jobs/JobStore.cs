using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Portal.Data;
using Portal.Data.Entities;

namespace Portal.Application.Jobs;

/// <summary>
/// The persisted job queue: adding, claiming, renewing and finishing jobs. Claiming is a conditional update (queued, or running with an expired
/// lease), so it is safe with several workers on one database; a worker that dies leaves its job
/// to be claimed again when its lease runs out.
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

    /// <summary>Claims the oldest runnable job for <paramref name="owner"/>, or null when there is none; jobs of <paramref name="skip"/> kinds are left for later.</summary>
    public async Task<Job?> ClaimAsync(string owner, CancellationToken cancellationToken, IReadOnlyCollection<JobKind>? skip = null)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        for (var tries = 0; tries < 5; tries++)
        {
            var now = clock.GetUtcNow().UtcDateTime;
            var runnable = db.Jobs.AsNoTracking()
                .Where(j => j.State == JobState.Queued || (j.State == JobState.Running && j.LeaseExpiresAtUtc < now));
            foreach (var kind in skip ?? [])
            {
                runnable = runnable.Where(j => j.Kind != kind);
            }

            var candidate = await runnable
                .OrderBy(j => j.Id)
                .Select(j => new { j.Id, j.State })
                .FirstOrDefaultAsync(cancellationToken);
            if (candidate is null)
            {
                return null;
            }

            var lease = now + options.Value.Lease;
            var claimed = await db.Jobs
                .Where(j => j.Id == candidate.Id && (j.State == JobState.Queued || (j.State == JobState.Running && j.LeaseExpiresAtUtc < now)))
                .ExecuteUpdateAsync(s => s
                    .SetProperty(j => j.State, JobState.Running)
                    .SetProperty(j => j.LeaseOwner, owner)
                    .SetProperty(j => j.LeaseExpiresAtUtc, lease)
                    .SetProperty(j => j.Attempts, j => j.Attempts + 1)
                    .SetProperty(j => j.StartedAtUtc, now), cancellationToken);
            if (claimed == 1)
            {
                return await db.Jobs.AsNoTracking().FirstAsync(j => j.Id == candidate.Id, cancellationToken);
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
