using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Portal.Application.Demo;
using Portal.Data;
using Portal.Data.Entities;

namespace Portal.E2ETests.Support;

/// <summary>The demo's scored submissions, as the browser tests pick them.</summary>
internal static class DemoSubmissions
{
    /// <summary>The first two scored submissions of the demo competition (waits for the demo's scoring).</summary>
    public static async Task<(int A, int B)> TwoScoredAsync(PortalServer server)
    {
        var dbFactory = server.Factory.Services.GetRequiredService<IDbContextFactory<PortalDbContext>>();
        await using var db = await dbFactory.CreateDbContextAsync(TestContext.Current.CancellationToken);
        for (var attempt = 0; attempt < 120; attempt++)
        {
            var ids = await db.Submissions.Where(s => s.Status == SubmissionStatus.Scored && s.Team!.Competition!.Slug == DemoSeeder.Slug)
                .OrderBy(s => s.Id).Select(s => s.Id).Take(2).ToListAsync(TestContext.Current.CancellationToken);
            if (ids.Count == 2)
            {
                return (ids[0], ids[1]);
            }

            await Task.Delay(500, TestContext.Current.CancellationToken);
        }

        throw new InvalidOperationException("The demo has no two scored submissions.");
    }
}
