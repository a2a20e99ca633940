using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Portal.Data;
using Portal.Data.Startup;
using Portal.Web.Tests.Support;

namespace Portal.Web.Tests.Data;

/// <summary>
/// On PostgreSQL the first start of a deployment creates its database: instances starting at once over a database
/// that does not exist yet all get the start lock in turn, the database made once (the losers of the race to create it
/// find it made).
/// </summary>
[PostgresOnly]
public sealed class PostgresStartTests : IDisposable
{
    private const int Instances = 8;

    private readonly PortalStore _store = PortalStore.Create(TestProvider.Postgres);

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public void Dispose() => _store.Dispose();

    [Fact]
    public async Task StartLock_EightInstancesAtOnceOnAMissingDatabase_EachTakesItInTurn()
    {
        // Arrange
        var providers = Enumerable.Range(0, Instances).Select(_ => _store.DatabaseServices()).ToList();
        var go = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var holders = 0;
        var overlaps = 0;

        // Act
        var starts = providers.Select(services => Task.Run(async () =>
        {
            await go.Task;
            await using var db = await services.GetRequiredService<IDbContextFactory<PortalDbContext>>().CreateDbContextAsync(Ct);
            await using (await DatabaseStartLock.AcquireAsync(db, Ct))
            {
                if (Interlocked.Increment(ref holders) > 1)
                {
                    Interlocked.Increment(ref overlaps);
                }

                await Task.Delay(20, Ct);
                Interlocked.Decrement(ref holders);
            }
        }, Ct)).ToList();
        go.SetResult();
        try
        {
            await Task.WhenAll(starts);
        }
        finally
        {
            foreach (var services in providers)
            {
                await services.DisposeAsync();
            }
        }

        // Assert
        Assert.Equal(0, overlaps);
        await using var afterwards = _store.DatabaseServices();
        await using var check = await afterwards.GetRequiredService<IDbContextFactory<PortalDbContext>>().CreateDbContextAsync(Ct);
        Assert.True(await check.Database.CanConnectAsync(Ct));
    }
}
