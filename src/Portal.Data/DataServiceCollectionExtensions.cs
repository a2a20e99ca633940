using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Portal.Data;

/// <summary>Registers the database for the configured provider.</summary>
public static class DataServiceCollectionExtensions
{
    /// <summary>
    /// Registers <see cref="IDbContextFactory{PortalDbContext}"/> and a scoped <see cref="PortalDbContext"/>
    /// backed by the provider's own context type, so its migrations are the ones applied.
    /// </summary>
    public static IServiceCollection AddPortalDatabase(this IServiceCollection services, DatabaseOptions options, string dataDirectory)
    {
        ArgumentNullException.ThrowIfNull(options);
        switch (options.Provider.ToUpperInvariant())
        {
            case "SQLITE":
                var sqlite = string.IsNullOrWhiteSpace(options.ConnectionString)
                    ? $"Data Source={Path.Combine(dataDirectory, "portal.db")};Default Timeout=30"
                    : options.ConnectionString;
                return services.AddProvider<SqlitePortalDbContext>(o => o.UseSqlite(sqlite).AddInterceptors(new SqlitePragmaInterceptor()));
            case "POSTGRES":
            case "POSTGRESQL":
                var postgres = options.ConnectionString ?? throw new InvalidOperationException("Database:ConnectionString is required for PostgreSQL.");
                return services.AddProvider<PostgresPortalDbContext>(o => o.UseNpgsql(postgres));
            default:
                throw new InvalidOperationException($"Database:Provider '{options.Provider}' is not supported; use Sqlite or Postgres.");
        }
    }

    private static IServiceCollection AddProvider<TContext>(this IServiceCollection services, Action<DbContextOptionsBuilder> configure)
        where TContext : PortalDbContext
    {
        // Pooled: a request creates several short-lived contexts (token, competition, intake), and creating one
        // unpooled builds its internal service scope each time (about a tenth of a CSV upload's CPU time before pooling).
        // The pool resets each context's change tracker and settings when it is returned; PortalDbContext holds no state.
        services.AddPooledDbContextFactory<TContext>(configure);
        services.AddSingleton<IDbContextFactory<PortalDbContext>>(sp => new UpcastFactory<TContext>(sp.GetRequiredService<IDbContextFactory<TContext>>()));
        services.AddScoped<TContext>(sp => sp.GetRequiredService<IDbContextFactory<TContext>>().CreateDbContext());
        services.AddScoped<PortalDbContext>(sp => sp.GetRequiredService<TContext>());
        return services;
    }

    private sealed class UpcastFactory<TContext>(IDbContextFactory<TContext> inner) : IDbContextFactory<PortalDbContext>
        where TContext : PortalDbContext
    {
        public PortalDbContext CreateDbContext() => inner.CreateDbContext();
    }
}
