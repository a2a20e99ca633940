using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Portal.Data;
using Portal.Data.Entities;
using Portal.E2ETests.PageObjects;
using Portal.E2ETests.Support;
using Portal.Application.Demo;

namespace Portal.E2ETests;

/// <summary>N-way compare and the ensemble builder in a real browser: compare a demo team's submissions, build an ensemble of them, see it scored.</summary>
[Collection(nameof(BrowserSuite))]
public sealed class EnsembleJourneyTests(PortalServer server) : IClassFixture<PortalServer>
{
    [Fact]
    public async Task CompareMany_BuildEnsembleFromThese_SubmittedAndScored()
    {
        // Arrange
        var ids = await ScoredSubmissionsOfOneDemoTeamAsync();
        await using var host = await server.NewSessionAsync();
        await new AccountPages(host.Page).SignInAsync(PortalServer.HostEmail, PortalServer.HostPassword);
        var pages = new EnsemblePages(host.Page, DemoSeeder.Slug);

        try
        {
            // Act
            await pages.OpenCompareManyAsync(ids);
            var oracle = await pages.OracleRateAsync();
            var order = await pages.OrderAsync();
            await host.ScreenshotAsync("ensemble-01-compare-many");
            await pages.BuildEnsembleFromTheseAsync();
            var picked = await pages.PickedCountAsync();
            var unanimous = await pages.PreviewUnanimousAsync();
            await host.ScreenshotAsync("ensemble-02-builder");
            var score = await pages.SubmitAndWaitForScoreAsync();
            var download = await pages.DownloadLinkAsync();
            await host.ScreenshotAsync("ensemble-03-scored");

            // Assert
            Assert.EndsWith("%", oracle, StringComparison.Ordinal);
            Assert.All(ids, id => Assert.Contains("#" + id, order, StringComparison.Ordinal));
            Assert.Equal(ids.Count, picked);
            Assert.True(int.Parse(unanimous.Replace(",", "", StringComparison.Ordinal), System.Globalization.CultureInfo.InvariantCulture) > 0);
            Assert.Matches(@"^0\.\d{4}$", score);
            Assert.Equal("Download the ensemble's predictions (CSV)", download);
            await using var db = await Db();
            Assert.True(await db.Submissions.AnyAsync(s => s.Kind == SubmissionKind.Ensemble && s.Status == SubmissionStatus.Scored, TestContext.Current.CancellationToken));
            host.AssertNoJavaScriptErrors();
        }
        catch
        {
            await host.ScreenshotAsync("ensemble-failure");
            throw;
        }
    }

    private Task<PortalDbContext> Db() =>
        server.Factory.Services.GetRequiredService<IDbContextFactory<PortalDbContext>>().CreateDbContextAsync(TestContext.Current.CancellationToken);

    /// <summary>The scored demo submissions of the team with the most of them (at least two).</summary>
    private async Task<List<int>> ScoredSubmissionsOfOneDemoTeamAsync()
    {
        await using var db = await Db();
        for (var attempt = 0; attempt < 120; attempt++)
        {
            var rows = await db.Submissions.Where(s => s.Status == SubmissionStatus.Scored && s.Team!.Competition!.Slug == DemoSeeder.Slug)
                .Select(s => new { s.Id, s.TeamId }).ToListAsync(TestContext.Current.CancellationToken);
            var team = rows.GroupBy(r => r.TeamId).OrderByDescending(g => g.Count()).FirstOrDefault();
            if (team is not null && team.Count() >= 3)
            {
                return team.Select(r => r.Id).Order().ToList();
            }

            await Task.Delay(500, TestContext.Current.CancellationToken);
        }

        throw new InvalidOperationException("The demo has no team with three scored submissions.");
    }
}
