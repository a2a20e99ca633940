using Microsoft.Playwright;
using Portal.Application.Demo;
using Portal.E2ETests.PageObjects;
using Portal.E2ETests.Support;

namespace Portal.E2ETests;

/// <summary>
/// No chart draws text over text: Compare (the transition heatmap, predictions per class, and after the close the per-class
/// F1 and the three confusion matrices) and the leaderboard's timeline (public, and private after the close), at a
/// desktop's 1400 px and a phone's 390 px. Screenshots of each go to artifacts/screenshots.
/// </summary>
[Collection(nameof(BrowserSuite))]
public sealed class ChartTextTests(PortalServer server) : IClassFixture<PortalServer>
{
    private static readonly int[] Widths = [1400, 390];

    private readonly List<string> _overlaps = [];
    private readonly List<string> _missing = [];

    [Fact]
    public async Task Charts_CompareAndLeaderboardOpenThenClosed_NoTextOverlapsText()
    {
        // Arrange
        var (a, b) = await DemoSubmissions.TwoScoredAsync(server);
        await using var host = await server.NewSessionAsync();
        await new AccountPages(host.Page).SignInAsync(PortalServer.HostEmail, PortalServer.HostPassword);
        var compare = new ComparePage(host.Page, DemoSeeder.Slug);
        var boards = new CompetitionPages(host.Page, DemoSeeder.Slug);

        try
        {
            // Act
            foreach (var width in Widths)
            {
                await host.Page.SetViewportSizeAsync(width, 900);
                await compare.OpenAsync(a, b);
                await ReadAsync(host, $"open-compare-{width}", "[data-testid=comparison]", 2);
                await boards.LeaderboardTeamsAsync();
                await ReadAsync(host, $"open-leaderboard-public-{width}", "[data-testid=score-timeline]", 1);
            }

            await boards.CloseAsHostAsync();
            foreach (var width in Widths)
            {
                await host.Page.SetViewportSizeAsync(width, 900);
                await compare.OpenAsync(a, b);
                await ReadAsync(host, $"closed-compare-{width}", "[data-testid=comparison]", 4);
                foreach (var (tab, name) in new[] { ("Confusion of B", "b"), ("B − A", "difference") })
                {
                    await host.Page.GetByRole(AriaRole.Tab, new() { Name = tab, Exact = true }).ClickAsync();
                    await host.Page.Locator("[data-testid=confusion-tabs] [data-testid=heatmap-axes]").Filter(new() { HasText = name == "b" ? "columns: B's" : "columns: prediction's" }).WaitForAsync();
                    await ReadAsync(host, $"closed-compare-confusion-{name}-{width}", "[data-testid=confusion-tabs]", 1);
                }

                await boards.LeaderboardTeamsAsync();
                await ReadAsync(host, $"closed-leaderboard-public-{width}", "[data-testid=score-timeline][data-board=public]", 1);
                await boards.LeaderboardTeamsAsync(privateBoard: true);
                await ReadAsync(host, $"closed-leaderboard-private-{width}", "[data-testid=score-timeline][data-board=private]", 1);
            }

            // Assert
            Assert.True(_missing.Count == 0, string.Join(Environment.NewLine, _missing));
            Assert.True(_overlaps.Count == 0, string.Join(Environment.NewLine, _overlaps));
            host.AssertNoJavaScriptErrors();
        }
        catch
        {
            await host.ScreenshotAsync("charts-failure");
            throw;
        }
    }

    /// <summary>Waits for the charts under <paramref name="selector"/>, records their overlaps (and a shortfall of charts), saves a screenshot.</summary>
    private async Task ReadAsync(BrowserSession session, string name, string selector, int charts)
    {
        var text = new ChartText(session.Page);
        await session.Page.Locator($"{selector} svg text").First.WaitForAsync();
        _overlaps.AddRange((await text.OverlapsAsync()).Select(o => $"{name}: {o}"));
        var drawn = await text.ChartsWithTextAsync(selector);
        if (drawn < charts)
        {
            _missing.Add($"{name}: {drawn} of {charts} charts drawn");
        }

        await session.ScreenshotAsync("charts-" + name);
    }
}
