using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Portal.Application.Access;
using Portal.Application.Hosting;
using Portal.Data;
using Portal.Web.Tests.Support;

namespace Portal.Web.Tests.Data;

/// <summary>
/// Instances started at once over one database not made yet (web instances and workers of a scaled-out deployment,
/// all of which migrate at start) create it once, then migrate and seed one after the other: each seed runs alone, on
/// a database already up to date, and the first-run data (the host account, its roles) is made once.
/// </summary>
[AlsoOnPostgres]
public sealed class ConcurrentStartTests : IDisposable
{
    private const int Instances = 3;

    private readonly PortalStore _store = PortalStore.Create();

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public void Dispose() => _store.Dispose();

    [Fact]
    public async Task PrepareData_ThreeInstancesAtOnce_SeedOneAtATimeOnAMigratedDatabase()
    {
        // Arrange: three hosts over one fresh database; each one's seed says whether another was seeding meanwhile.
        var hosts = Enumerable.Range(0, Instances).Select(_ => SecondProcess.Over(_store)).ToList();
        var seeding = 0;
        var overlaps = 0;
        var pendingSeen = new List<string>();
        var go = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        async Task SeedAsync(IServiceProvider services, CancellationToken cancellationToken)
        {
            if (Interlocked.Increment(ref seeding) > 1)
            {
                Interlocked.Increment(ref overlaps);
            }

            await using (var db = await services.GetRequiredService<IDbContextFactory<PortalDbContext>>().CreateDbContextAsync(cancellationToken))
            {
                var pending = await db.Database.GetPendingMigrationsAsync(cancellationToken);
                lock (pendingSeen)
                {
                    pendingSeen.AddRange(pending);
                }
            }

            // A seed that takes a while (the demo's takes seconds): long enough for any other start to reach its own.
            await Task.Delay(TimeSpan.FromMilliseconds(300), cancellationToken);
            Interlocked.Decrement(ref seeding);
        }

        try
        {
            // Act
            var starts = hosts.Select(h => Task.Run(async () =>
            {
                await go.Task;
                await h.Services.PrepareDataAsync(ct => SeedAsync(h.Services, ct), Ct);
            }, Ct)).ToList();
            go.SetResult();
            await Task.WhenAll(starts);
        }
        finally
        {
            hosts.ForEach(h => h.Dispose());
        }

        // Assert
        Assert.Equal(0, overlaps);
        Assert.Empty(pendingSeen);
    }

    [Fact]
    public async Task Start_TwoWebAppsAtOnceOnAFreshDatabase_BothServeAndTheHostAccountIsMadeOnce()
    {
        // Arrange
        await using var first = PortalFactory.Over(_store, runWorker: false);
        await using var second = PortalFactory.Over(_store, runWorker: false);

        // Act: both start (migrate, make the host account) at once.
        await Task.WhenAll(Task.Run(() => first.Server, Ct), Task.Run(() => second.Server, Ct));

        // Assert
        using var toFirst = first.Anonymous();
        using var toSecond = second.Anonymous();
        Assert.True((await toFirst.GetAsync("/healthz", Ct)).IsSuccessStatusCode);
        Assert.True((await toSecond.GetAsync("/healthz", Ct)).IsSuccessStatusCode);
        await using var db = await first.DbAsync();
        Assert.Equal([Viewer.HostRole, Viewer.ParticipantRole], (await db.Roles.Select(r => r.Name!).ToListAsync(Ct)).Order());
        var host = Assert.Single(await db.Users.ToListAsync(Ct));
        Assert.Equal(PortalFactory.HostEmail, host.Email);
        await using var scope = second.Services.CreateAsyncScope();
        Assert.True(await scope.ServiceProvider.GetRequiredService<UserManager<Portal.Data.Entities.PortalUser>>().IsInRoleAsync(host, Viewer.HostRole));
    }
}
