using System.Collections.Concurrent;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Portal.Application.Jobs;
using Portal.Data;
using Portal.Data.Entities;
using Portal.Web.Tests.Support;

namespace Portal.Web.Tests.Jobs;

/// <summary>
/// <see cref="JobStore.ClaimAsync"/> with several workers on one database (<c>FOR UPDATE SKIP LOCKED</c> on PostgreSQL,
/// a conditional update on SQLite): every runnable job goes to exactly one worker, none is left, a job whose lease ran
/// out is claimed again, and the kinds a worker skips are left to others.
/// </summary>
[AlsoOnPostgres]
public sealed class JobClaimTests : IAsyncLifetime
{
    private const int Workers = 8;
    private const int Jobs = 200;

    private PortalStore? _store;
    private ServiceProvider? _services;

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private IDbContextFactory<PortalDbContext> DbFactory => _services!.GetRequiredService<IDbContextFactory<PortalDbContext>>();

    public async ValueTask InitializeAsync()
    {
        _store = await PortalStore.CreateMigratedAsync();
        _services = _store.DatabaseServices();
    }

    public async ValueTask DisposeAsync()
    {
        if (_services is not null)
        {
            await _services.DisposeAsync();
        }

        _store?.Dispose();
    }

    [Fact]
    public async Task Claim_EightWorkersAtOnceOn200Jobs_EachJobClaimedExactlyOnceAndNoneLeft()
    {
        // Arrange: 200 queued jobs; eight workers, each its own store (so its own connections), as eight processes would be.
        var ids = await AddQueuedAsync(Jobs, JobKind.RescoreCompetition);
        var claims = new ConcurrentBag<(long JobId, string Owner, int Attempts, JobState State)>();
        var start = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);

        // Act: each worker claims until the queue answers that nothing is left.
        var workers = Enumerable.Range(0, Workers).Select(w => Task.Run(async () =>
        {
            using var store = NewStore(TimeSpan.FromMinutes(5));
            var owner = $"worker-{w}";
            await start.Task;
            while (await store.ClaimAsync(owner, Ct) is { } job)
            {
                claims.Add((job.Id, job.LeaseOwner!, job.Attempts, job.State));
            }
        }, Ct)).ToList();
        start.SetResult();
        await Task.WhenAll(workers);

        // Assert: no job twice, none missing, each as its claimer wrote it.
        var claimed = claims.ToList();
        var twice = claimed.GroupBy(c => c.JobId).Where(g => g.Count() > 1).Select(g => $"{g.Key} by {string.Join(", ", g.Select(c => c.Owner))}").ToList();
        Assert.True(twice.Count == 0, "Claimed more than once: " + string.Join("; ", twice));
        Assert.Equal(ids.Order(), claimed.Select(c => c.JobId).Order());
        Assert.All(claimed, c => Assert.Equal((1, JobState.Running), (c.Attempts, c.State)));
        Assert.True(claimed.Select(c => c.Owner).Distinct().Count() > 1, "Only one worker ever claimed: the test ran no contest.");
        await using var db = await DbFactory.CreateDbContextAsync(Ct);
        var rows = await db.Jobs.AsNoTracking().ToDictionaryAsync(j => j.Id, Ct);
        Assert.All(claimed, c => Assert.Equal((JobState.Running, c.Owner, 1), (rows[c.JobId].State, rows[c.JobId].LeaseOwner, rows[c.JobId].Attempts)));
        using var late = NewStore(TimeSpan.FromMinutes(5));
        Assert.Null(await late.ClaimAsync("late-worker", Ct));
    }

    [Fact]
    public async Task Claim_LeaseOfADeadWorkerRunOut_AnotherWorkerClaimsItAgain()
    {
        // Arrange: worker A claims the job, then stops renewing it (it died).
        var id = Assert.Single(await AddQueuedAsync(1, JobKind.RunModel));
        using var store = NewStore(TimeSpan.FromMinutes(5));
        var first = await store.ClaimAsync("worker-a", Ct);
        var whileLeased = await store.ClaimAsync("worker-b", Ct);

        // Act: its lease runs out.
        await using (var db = await DbFactory.CreateDbContextAsync(Ct))
        {
            var past = DateTime.UtcNow.AddSeconds(-1);
            await db.Jobs.Where(j => j.Id == id).ExecuteUpdateAsync(s => s.SetProperty(j => j.LeaseExpiresAtUtc, past), Ct);
        }

        var again = await store.ClaimAsync("worker-b", Ct);

        // Assert: B has it, as a second attempt, and A's heartbeat no longer holds it.
        Assert.Equal((id, "worker-a", 1), (first!.Id, first.LeaseOwner, first.Attempts));
        Assert.Null(whileLeased);
        Assert.NotNull(again);
        Assert.Equal((id, "worker-b", 2, JobState.Running), (again.Id, again.LeaseOwner, again.Attempts, again.State));
        Assert.True(again.LeaseExpiresAtUtc > DateTime.UtcNow, "The new lease runs from the claim.");
        Assert.False(await store.RenewAsync(id, "worker-a", 0.5, null, Ct));
        Assert.Null(await store.ClaimAsync("worker-c", Ct));
    }

    [Fact]
    public async Task Claim_SkippedKindsAndFinishedJobs_AreLeftAndTheOldestOtherJobIsTaken()
    {
        // Arrange: a finished job, a model run (oldest runnable), then an ensemble.
        var finished = Assert.Single(await AddQueuedAsync(1, JobKind.BuildEnsemble));
        using var store = NewStore(TimeSpan.FromMinutes(5));
        await store.ClaimAsync("worker-a", Ct);
        await store.FinishAsync(finished, "worker-a", JobState.Succeeded, null, Ct);
        var model = Assert.Single(await AddQueuedAsync(1, JobKind.RunModel));
        var ensemble = Assert.Single(await AddQueuedAsync(1, JobKind.BuildEnsemble));

        // Act: a worker whose model slots are full skips model runs.
        var skipping = await store.ClaimAsync("worker-b", Ct, [JobKind.RunModel]);
        var nothingElse = await store.ClaimAsync("worker-b", Ct, [JobKind.RunModel]);
        var taking = await store.ClaimAsync("worker-c", Ct);

        // Assert
        Assert.Equal(ensemble, skipping?.Id);
        Assert.Null(nothingElse);
        Assert.Equal(model, taking?.Id);
    }

    private JobStore NewStore(TimeSpan lease) =>
        new(DbFactory, TimeProvider.System, Options.Create(new JobOptions { Lease = lease }));

    private async Task<List<long>> AddQueuedAsync(int count, JobKind kind)
    {
        using var store = NewStore(TimeSpan.FromMinutes(5));
        await using var db = await DbFactory.CreateDbContextAsync(Ct);
        var jobs = Enumerable.Range(0, count).Select(_ => store.Add(db, kind, competitionId: null, submissionId: null)).ToList();
        await db.SaveChangesAsync(Ct);
        return jobs.Select(j => j.Id).ToList();
    }
}
