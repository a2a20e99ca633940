using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Storage;
using Npgsql;

namespace Portal.Data.Startup;

/// <summary>The PostgreSQL database itself, before anything can lock or migrate it.</summary>
internal static class PostgresDatabase
{
    /// <summary>
    /// Creates <paramref name="db"/>'s database when the server has none of that name (as migrating would); an instance
    /// that loses the race to create it (PostgreSQL's 42P04) finds it made.
    /// </summary>
    public static async Task EnsureExistsAsync(PortalDbContext db, CancellationToken cancellationToken)
    {
        var creator = db.GetService<IRelationalDatabaseCreator>();
        if (await creator.ExistsAsync(cancellationToken))
        {
            return;
        }

        try
        {
            await creator.CreateAsync(cancellationToken);
        }
        catch (PostgresException e) when (e.SqlState == PostgresErrorCodes.DuplicateDatabase)
        {
            // Another instance made it first.
        }
    }
}
