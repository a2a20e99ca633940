using Microsoft.EntityFrameworkCore;
using Portal.Application.Storage;
using Portal.Data;
using Portal.Inference.Sandbox;

namespace Portal.Application.Hosting;

/// <summary>What every host of Portal (the web app, a worker) does once at start, before any work: the database up to date, and what a killed process left behind swept.</summary>
public static class DataStartup
{
    /// <summary>
    /// Applies the migrations (SQLite in WAL mode, so pages read while a submission is written), deletes the files a
    /// killed process left in storage and the folders of sandboxed runs no live process holds.
    /// </summary>
    public static async Task PrepareDataAsync(this IServiceProvider services, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(services);
        await using (var db = await services.GetRequiredService<IDbContextFactory<PortalDbContext>>().CreateDbContextAsync(cancellationToken))
        {
            if (db.Database.IsSqlite())
            {
                await db.Database.OpenConnectionAsync(cancellationToken);
                await db.Database.ExecuteSqlRawAsync("PRAGMA journal_mode=WAL;", cancellationToken);
                await db.Database.CloseConnectionAsync();
            }

            await db.Database.MigrateAsync(cancellationToken);
        }

        await services.GetRequiredService<OrphanFileSweep>().SweepAsync(cancellationToken);
        services.GetRequiredService<ModelSandbox>().SweepLeftovers();
    }
}
