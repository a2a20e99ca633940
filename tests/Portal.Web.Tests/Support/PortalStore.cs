using System.Globalization;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;
using Portal.Data;
using Portal.Data.Startup;

namespace Portal.Web.Tests.Support;

/// <summary>
/// Where one test's Portal keeps its state: a fresh temporary data folder (files, and the database on SQLite) and, on
/// PostgreSQL, a database of its own (a unique name) on the server of <c>PORTAL_TEST_POSTGRES</c>. Neither database
/// exists yet: the first host to start creates and migrates it, as on a first deployment. Dispose drops the database
/// and deletes the folder. Several hosts over one store (a restart, a second instance, a worker process) share its state.
/// </summary>
public sealed class PortalStore : IDisposable
{
    private const string DatabasePrefix = "portal_test_";

    // The server and name of the PostgreSQL database this store made and drops; null when it owns none.
    private readonly (string Server, string Name)? _ownDatabase;

    private PortalStore(TestProvider provider, string dataDirectory, string? connectionString, (string Server, string Name)? ownDatabase)
    {
        Provider = provider;
        DataDirectory = dataDirectory;
        ConnectionString = connectionString;
        _ownDatabase = ownDatabase;
    }

    /// <summary>The provider of this store's database.</summary>
    public TestProvider Provider { get; }

    /// <summary>The data folder (<c>Portal:DataDirectory</c>).</summary>
    public string DataDirectory { get; }

    /// <summary>The database's connection string (<c>Database:ConnectionString</c>); null for the SQLite file in the data folder.</summary>
    public string? ConnectionString { get; }

    /// <summary>The options that point <c>AddPortalDatabase</c> at this store's database (with <see cref="DataDirectory"/>).</summary>
    public DatabaseOptions Database => new() { Provider = Provider.ToString(), ConnectionString = ConnectionString };

    /// <summary>The settings that point a host at this store, in configuration's key form (<c>Section:Key</c>).</summary>
    public IReadOnlyDictionary<string, string> Settings => new Dictionary<string, string>
    {
        ["Portal:DataDirectory"] = DataDirectory,
        ["Database:Provider"] = Provider.ToString(),
        ["Database:ConnectionString"] = ConnectionString ?? "",
    };

    /// <summary>A store on the provider of this run (<see cref="TestEngines.Provider"/>).</summary>
    public static PortalStore Create() => Create(TestEngines.Provider);

    /// <summary>
    /// A store on <paramref name="provider"/>. On PostgreSQL, skips the calling test when no server is configured (fails
    /// it under <c>PORTAL_REQUIRE_ENGINES=1</c>).
    /// </summary>
    public static PortalStore Create(TestProvider provider)
    {
        if (provider == TestProvider.Sqlite)
        {
            return new PortalStore(provider, PortalFactory.NewDataDirectory(), connectionString: null, ownDatabase: null);
        }

        var server = TestEngines.PostgresServer();
        var database = DatabasePrefix + Guid.NewGuid().ToString("N")[..16];
        var connectionString = new NpgsqlConnectionStringBuilder(server) { Database = database }.ConnectionString;
        return new PortalStore(provider, PortalFactory.NewDataDirectory(), connectionString, (server, database));
    }

    /// <summary>
    /// A store for another machine of the same deployment: this store's database, a data folder of its own (so that
    /// nothing one machine keeps on its disk is shared, as with separate servers). Dispose it before this one; it
    /// deletes its folder only.
    /// </summary>
    public PortalStore OtherMachine()
    {
        var connectionString = ConnectionString ?? $"Data Source={Path.Combine(DataDirectory, "portal.db")};Default Timeout=30";
        return new PortalStore(Provider, PortalFactory.NewDataDirectory(), connectionString, ownDatabase: null);
    }

    /// <summary>
    /// A store of the run's provider whose database is migrated already (as every host does at start), for tests that
    /// use the data layer without starting an app.
    /// </summary>
    public static Task<PortalStore> CreateMigratedAsync() => CreateMigratedAsync(TestEngines.Provider);

    /// <summary>As <see cref="CreateMigratedAsync()"/> on <paramref name="provider"/>.</summary>
    public static async Task<PortalStore> CreateMigratedAsync(TestProvider provider)
    {
        var store = Create(provider);
        await using var services = store.DatabaseServices();
        await using var db = await services.GetRequiredService<IDbContextFactory<PortalDbContext>>().CreateDbContextAsync();
        await db.ApplyMigrationsAsync(CancellationToken.None);
        return store;
    }

    /// <summary>A context factory over this store's database, as the app registers it; dispose the provider after use.</summary>
    public ServiceProvider DatabaseServices() => new ServiceCollection().AddPortalDatabase(Database, DataDirectory).BuildServiceProvider();

    /// <summary>Drops the database (once the connections left in this process's pool are closed) and deletes the data folder.</summary>
    public void Dispose()
    {
        if (_ownDatabase is { } own)
        {
            using (var pooled = new NpgsqlConnection(ConnectionString))
            {
                NpgsqlConnection.ClearPool(pooled);
            }

            Drop(own.Server, own.Name);
        }

        PortalFactory.DeleteDataDirectory(DataDirectory);
    }

    // A plain DROP DATABASE, which stops an autovacuum worker in the database itself; WITH (FORCE) would need the role to
    // be allowed to signal it (pg_signal_backend). A connection that a stopping host returns late is waited for a while.
    private static void Drop(string server, string database)
    {
        using var connection = new NpgsqlConnection(server);
        connection.Open();
        using var drop = connection.CreateCommand();
        drop.CommandText = string.Create(CultureInfo.InvariantCulture, $"DROP DATABASE IF EXISTS \"{database}\"");
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                drop.ExecuteNonQuery();
                return;
            }
            catch (PostgresException e) when (e.SqlState == PostgresErrorCodes.ObjectInUse && attempt < 50)
            {
                Thread.Sleep(100);
            }
        }
    }
}
