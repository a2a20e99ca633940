using Microsoft.EntityFrameworkCore;
using Portal.Data;

namespace Portal.Web.Tests.Data;

/// <summary>Every model change comes with a migration, for both providers (a forgotten one breaks the next deployment).</summary>
public sealed class MigrationTests
{
    [Fact]
    public void SqliteModel_MatchesItsMigrations()
    {
        using var db = new SqliteDesignTimeFactory().CreateDbContext([]);

        Assert.False(db.Database.HasPendingModelChanges(), "Add a migration: dotnet ef migrations add NAME --project src/Portal.Data --context SqlitePortalDbContext --output-dir Migrations/Sqlite");
    }

    [Fact]
    public void PostgresModel_MatchesItsMigrations()
    {
        using var db = new PostgresDesignTimeFactory().CreateDbContext([]);

        Assert.False(db.Database.HasPendingModelChanges(), "Add a migration: dotnet ef migrations add NAME --project src/Portal.Data --context PostgresPortalDbContext --output-dir Migrations/Postgres");
    }

    [Fact]
    public void Providers_HaveTheirOwnMigrationSets()
    {
        using var sqlite = new SqliteDesignTimeFactory().CreateDbContext([]);
        using var postgres = new PostgresDesignTimeFactory().CreateDbContext([]);

        Assert.NotEmpty(sqlite.Database.GetMigrations());
        Assert.NotEmpty(postgres.Database.GetMigrations());
        Assert.Empty(sqlite.Database.GetMigrations().Intersect(postgres.Database.GetMigrations()));
    }
}
