using Microsoft.EntityFrameworkCore;
using Portal.Application.Storage;
using Portal.Data;
using Portal.Data.Startup;
using Portal.Inference.Sandbox;

namespace Portal.Application.Hosting;

/// <summary>What every host of Portal (the web app, a worker) does once at start, before any work: the database up to date, and what a killed process left behind swept.</summary>
public static class DataStartup
{
    /// <summary>
    /// Applies the migrations (SQLite in WAL mode, so pages read while a submission is written), deletes the files a
    /// killed process left in storage and the folders of sandboxed runs no live process holds.
    /// </summary>
    public static Task PrepareDataAsync(this IServiceProvider services, CancellationToken cancellationToken) =>
        services.PrepareDataAsync(seed: null, cancellationToken);

    /// <summary>
    /// As <see cref="PrepareDataAsync(IServiceProvider, CancellationToken)"/>, running <paramref name="seed"/> (first-run
    /// data such as the host account; it must look before it writes) right after the migrations. Both run under the
    /// database's <see cref="DatabaseStartLock"/>, so instances starting at once over one database migrate and seed one
    /// after the other, and each seed sees what the ones before it wrote.
    /// </summary>
    public static async Task PrepareDataAsync(this IServiceProvider services, Func<CancellationToken, Task>? seed, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(services);
        await using (var db = await services.GetRequiredService<IDbContextFactory<PortalDbContext>>().CreateDbContextAsync(cancellationToken))
        {
            await using var startLock = await DatabaseStartLock.AcquireAsync(db, cancellationToken);
            await db.ApplyMigrationsAsync(cancellationToken);
            if (seed is not null)
            {
                await seed(cancellationToken);
            }
        }

        await services.GetRequiredService<OrphanFileSweep>().SweepAsync(cancellationToken);
        services.GetRequiredService<ModelSandbox>().SweepLeftovers();
    }
}
