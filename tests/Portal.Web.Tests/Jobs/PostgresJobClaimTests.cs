using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Portal.Application.Jobs;
using Portal.Data;
using Portal.Data.Entities;
using Portal.Web.Tests.Support;

namespace Portal.Web.Tests.Jobs;

/// <summary>
/// On PostgreSQL a worker never waits for a job another transaction holds (a worker claiming it this instant): it
/// skips it (<c>FOR UPDATE SKIP LOCKED</c>) and takes the next, or nothing.
/// </summary>
[PostgresOnly]
public sealed class PostgresJobClaimTests : IAsyncLifetime
{
    private PortalStore? _store;
    private ServiceProvider? _services;

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private IDbContextFactory<PortalDbContext> DbFactory => _services!.GetRequiredService<IDbContextFactory<PortalDbContext>>();

    public async ValueTask InitializeAsync()
    {
        _store = await PortalStore.CreateMigratedAsync(TestProvider.Postgres);
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
    public async Task Claim_OldestJobLockedByAnotherTransaction_TakesTheNextWithoutWaiting()
    {
        // Arrange: two queued jobs; another session holds the oldest's row lock.
        using var store = new JobStore(DbFactory, TimeProvider.System, Options.Create(new JobOptions()));
        var (oldest, next) = (await AddQueuedAsync(store), await AddQueuedAsync(store));
        await using var holder = await DbFactory.CreateDbContextAsync(Ct);
        await using var held = await holder.Database.BeginTransactionAsync(Ct);
        await holder.Database.ExecuteSqlAsync($"""SELECT 1 FROM "Jobs" WHERE "Id" = {oldest} FOR UPDATE""", Ct);

        // Act
        var first = await ClaimUnlessItWaitsAsync(store, "worker-a");
        var second = await ClaimUnlessItWaitsAsync(store, "worker-b");
        await held.RollbackAsync(Ct);
        var afterRelease = await ClaimUnlessItWaitsAsync(store, "worker-c");

        // Assert: the held job was skipped, not waited for, and is claimed once it is free.
        Assert.Equal(next, first?.Id);
        Assert.Null(second);
        Assert.Equal(oldest, afterRelease?.Id);
    }

    /// <summary>The claim's result; fails the test as soon as the claim's session waits for a lock instead.</summary>
    private async Task<Job?> ClaimUnlessItWaitsAsync(JobStore store, string owner)
    {
        await using var watcher = await DbFactory.CreateDbContextAsync(Ct);
        var claim = store.ClaimAsync(owner, Ct);
        while (!claim.IsCompleted)
        {
            var waiting = await watcher.Database
                .SqlQuery<int>($"SELECT count(*)::int AS \"Value\" FROM pg_stat_activity WHERE datname = current_database() AND wait_event_type = 'Lock'")
                .SingleAsync(Ct);
            Assert.True(waiting == 0, $"{owner}'s claim waits for a row another transaction holds instead of skipping it.");
            await Task.WhenAny(claim, Task.Delay(20, Ct));
        }

        return await claim;
    }

    private async Task<long> AddQueuedAsync(JobStore store)
    {
        await using var db = await DbFactory.CreateDbContextAsync(Ct);
        var job = store.Add(db, JobKind.RunModel, competitionId: null, submissionId: null);
        await db.SaveChangesAsync(Ct);
        return job.Id;
    }
}
