using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Portal.Data;
using Portal.Data.Startup;

namespace Portal.Web.Tests.Data;

/// <summary>
/// The SQLite settings each connection needs (foreign keys enforced, a busy timeout, synchronous=NORMAL) hold on every
/// connection a context opens, fresh from SQLite or reused from the pool, also right after migrations have run.
/// </summary>
public sealed class SqliteConnectionSetUpTests
{
    [Fact]
    public async Task EveryOpenedConnection_HasTheSettings_AfterMigrationsAndThroughThePool()
    {
        var data = Directory.CreateTempSubdirectory("portal-pragmas-").FullName;
        try
        {
            await using var services = new ServiceCollection().AddPortalDatabase(new DatabaseOptions { Provider = "Sqlite" }, data).BuildServiceProvider();
            var factory = services.GetRequiredService<IDbContextFactory<PortalDbContext>>();
            await using (var db = await factory.CreateDbContextAsync(TestContext.Current.CancellationToken))
            {
                await db.ApplyMigrationsAsync(TestContext.Current.CancellationToken);
            }

            // Several rounds: the first opens new native connections, the later ones get them back from the pool.
            for (var round = 0; round < 4; round++)
            {
                await using var db = await factory.CreateDbContextAsync(TestContext.Current.CancellationToken);
                Assert.Equal(1, await Pragma(db, "foreign_keys"));
                Assert.Equal(10_000, await Pragma(db, "busy_timeout"));
                Assert.Equal(1, await Pragma(db, "synchronous"));
            }
        }
        finally
        {
            Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
            Directory.Delete(data, recursive: true);
        }
    }

    private static async Task<long> Pragma(PortalDbContext db, string name)
    {
        await db.Database.OpenConnectionAsync(TestContext.Current.CancellationToken);
        try
        {
            await using var command = db.Database.GetDbConnection().CreateCommand();
            command.CommandText = $"PRAGMA {name};";
            return Convert.ToInt64(await command.ExecuteScalarAsync(TestContext.Current.CancellationToken), System.Globalization.CultureInfo.InvariantCulture);
        }
        finally
        {
            await db.Database.CloseConnectionAsync();
        }
    }
}
