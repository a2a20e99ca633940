using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Portal.Application.Demo;
using Portal.Data;

namespace Portal.E2ETests.Support;

/// <summary>The demo's seeded teams, as a browser test joins them.</summary>
internal static class DemoTeams
{
    /// <summary>The invite code of a demo team ("Team Alpha"), which its members would have shared.</summary>
    public static async Task<string> InviteCodeAsync(PortalServer server, string team)
    {
        var dbFactory = server.Factory.Services.GetRequiredService<IDbContextFactory<PortalDbContext>>();
        await using var db = await dbFactory.CreateDbContextAsync(TestContext.Current.CancellationToken);
        return await db.Teams.Where(t => t.Name == team && t.Competition!.Slug == DemoSeeder.Slug)
            .Select(t => t.InviteCode).SingleAsync(TestContext.Current.CancellationToken);
    }
}
