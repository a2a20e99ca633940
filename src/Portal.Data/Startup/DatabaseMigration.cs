using Microsoft.EntityFrameworkCore;

namespace Portal.Data.Startup;

/// <summary>Bringing a database up to date, the same way for every host and test.</summary>
public static class DatabaseMigration
{
    /// <summary>
    /// Applies the provider's migrations to <paramref name="db"/>'s database (creating it when missing), SQLite in WAL
    /// mode first so that pages read while a submission is written. Callers that may start beside other instances hold
    /// the <see cref="DatabaseStartLock"/> around it.
    /// </summary>
    public static async Task ApplyMigrationsAsync(this PortalDbContext db, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(db);
        if (db.Database.IsSqlite())
        {
            await db.Database.OpenConnectionAsync(cancellationToken);
            try
            {
                await db.Database.ExecuteSqlRawAsync("PRAGMA journal_mode=WAL;", cancellationToken);
            }
            finally
            {
                await db.Database.CloseConnectionAsync();
            }
        }

        await db.Database.MigrateAsync(cancellationToken);
        if (db.Database.GetDbConnection() is Microsoft.Data.Sqlite.SqliteConnection sqlite)
        {
            // Migrations may change a connection's settings (a table rebuild turns foreign keys off while it runs), and
            // the pragma interceptor sets each native connection up only once: none that migrated goes back to the pool.
            Microsoft.Data.Sqlite.SqliteConnection.ClearPool(sqlite);
        }
    }
}
