using System.Text;
using Microsoft.Extensions.DependencyInjection;
using Portal.Core.Randomness;
using Portal.E2ETests.PageObjects;
using Portal.E2ETests.Support;
using Portal.Application.Access;
using Portal.Application.Competitions;
using Portal.Application.Demo;

namespace Portal.E2ETests;

/// <summary>
/// The journey of the brief in a real browser: a newcomer sees the demo board, signs up, makes a team,
/// uploads a CSV, watches it scored and ranked; a wrong file is refused by line; the host closes the
/// competition and the private board appears. Screenshots go to artifacts/screenshots.
/// </summary>
[Collection(nameof(BrowserSuite))]
public sealed class NewcomerJourneyTests(PortalServer server) : IClassFixture<PortalServer>
{
    [Fact]
    public async Task Journey_SignUpSubmitCloseCompetition_EveryScreenWorks()
    {
        await using var participant = await server.NewSessionAsync();
        try
        {
            await JourneyAsync(participant);
        }
        catch
        {
            await participant.ScreenshotAsync("failure");
            throw;
        }
    }

    private async Task JourneyAsync(BrowserSession participant)
    {
        var page = participant.Page;
        var competition = new CompetitionPages(page, DemoSeeder.Slug);

        await page.GotoAsync("");
        await page.WaitForSelectorAsync("[data-testid=competition-card]");
        Assert.Contains("Mask Classification (demo)", await page.InnerTextAsync("[data-testid=competition-card]"));
        await participant.ScreenshotAsync("01-home");

        var demoTeams = await competition.LeaderboardTeamsAsync();
        Assert.Contains(demoTeams, t => t.Contains("Team Alpha", StringComparison.Ordinal));
        await participant.ScreenshotAsync("02-demo-leaderboard");

        await new AccountPages(page).SignUpAsync("Eve Student", "eve@e2e.local", "Student-pass-1");
        await competition.CreateTeamAsync("E2E Team");
        await participant.ScreenshotAsync("03-team");

        await competition.UploadAsync(await WriteCsvAsync(invalid: true), "broken file");
        var problems = await competition.ProblemsAsync();
        Assert.Contains(problems, p => p.StartsWith("Line 3", StringComparison.Ordinal) && p.Contains("appears twice", StringComparison.Ordinal));
        await participant.ScreenshotAsync("04-invalid-upload");

        await competition.UploadAsync(await WriteCsvAsync(invalid: false), "nearly perfect");
        var score = await competition.WaitForPublicScoreAsync();
        Assert.True(double.Parse(score, System.Globalization.CultureInfo.InvariantCulture) > 0.9, score);
        Assert.Contains("4 of 5", await page.InnerTextAsync("[data-testid=quota-left]"), StringComparison.Ordinal);
        await participant.ScreenshotAsync("05-scored");

        var board = await competition.LeaderboardTeamsAsync();
        Assert.StartsWith("E2E Team", board[0], StringComparison.Ordinal);
        await participant.ScreenshotAsync("06-ranked-first");

        await using var host = await server.NewSessionAsync();
        await new AccountPages(host.Page).SignInAsync(PortalServer.HostEmail, PortalServer.HostPassword);
        var hostPages = new CompetitionPages(host.Page, DemoSeeder.Slug);
        await hostPages.CloseAsHostAsync();
        await host.ScreenshotAsync("07-admin-closed");

        var privateBoard = await competition.LeaderboardTeamsAsync(privateBoard: true);
        Assert.Contains(privateBoard, t => t.StartsWith("E2E Team", StringComparison.Ordinal));
        Assert.True(await page.Locator("[data-testid=rank-change]").CountAsync() > 0);
        await participant.ScreenshotAsync("08-private-board");

        participant.AssertNoJavaScriptErrors();
        host.AssertNoJavaScriptErrors();
    }

    [Fact]
    public async Task StaticAsset_PortalCss_HasABody()
    {
        using var client = new HttpClient { BaseAddress = new Uri(server.BaseUrl) };

        var css = await client.GetStringAsync("assets/portal.css", TestContext.Current.CancellationToken);

        Assert.Contains(".portal-score", css, StringComparison.Ordinal);
    }

    /// <summary>A labels CSV of the demo's hidden set: the truth with a few mistakes, or with a duplicate id on line 3.</summary>
    private async Task<string> WriteCsvAsync(bool invalid)
    {
        var competitions = server.Factory.Services.GetRequiredService<CompetitionService>();
        var demo = await competitions.FindAsync(DemoSeeder.Slug, new Viewer(null, IsHost: true));
        var hidden = await server.Factory.Services.GetRequiredService<HiddenSetCache>().GetAsync(demo!.Id);
        var rng = new DeterministicRandom(5);
        var csv = new StringBuilder("ImageID,ans\n");
        for (var i = 0; i < hidden!.Truth.Count; i++)
        {
            var label = rng.NextDouble() < 0.02 ? rng.NextInt(18) : hidden.Truth.Labels[i];
            csv.Append(hidden.Truth.Images[invalid && i == 1 ? 0 : i]).Append(',').Append(label).Append('\n');
        }

        var path = Path.Combine(server.DataDirectory, $"upload-{(invalid ? "invalid" : "valid")}.csv");
        await File.WriteAllTextAsync(path, csv.ToString());
        return path;
    }
}
