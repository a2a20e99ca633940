using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Portal.Data;
using Portal.Web.Tests.Support;

namespace Portal.Web.Tests.Components;

/// <summary>A migrated SQLite database in a temporary folder, shared by a class's component tests (each seeds its own competition).</summary>
public sealed class TeamDatabaseFixture : IAsyncLifetime
{
    public string Folder { get; } = PortalFactory.NewDataDirectory();

    public async ValueTask InitializeAsync()
    {
        var services = new ServiceCollection().AddPortalDatabase(new DatabaseOptions(), Folder);
        await using var provider = services.BuildServiceProvider();
        await using var db = await provider.GetRequiredService<IDbContextFactory<PortalDbContext>>().CreateDbContextAsync(TestContext.Current.CancellationToken);
        await db.Database.MigrateAsync(TestContext.Current.CancellationToken);
    }

    public ValueTask DisposeAsync()
    {
        PortalFactory.DeleteDataDirectory(Folder);
        return ValueTask.CompletedTask;
    }
}
