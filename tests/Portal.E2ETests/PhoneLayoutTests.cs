using Microsoft.Playwright;
using Portal.Application.Demo;
using Portal.E2ETests.PageObjects;
using Portal.E2ETests.Support;

namespace Portal.E2ETests;

/// <summary>
/// The main screens at a desktop's 1400 px and a phone's 390 px (screenshots of each under artifacts/screenshots); on the
/// phone nothing is cut off: tables scroll inside their container, buttons keep their whole label, the page fits the window.
/// </summary>
[Collection(nameof(BrowserSuite))]
public sealed class PhoneLayoutTests(PortalServer server) : IClassFixture<PortalServer>
{
    private static readonly int[] Widths = [1400, 390];

    [Fact]
    public async Task MainScreens_PhoneWidth_NothingCutOff()
    {
        // Arrange
        var (a, b) = await DemoSubmissions.TwoScoredAsync(server);
        await using var host = await server.NewSessionAsync();
        await new AccountPages(host.Page).SignInAsync(PortalServer.HostEmail, PortalServer.HostPassword);
        var slug = DemoSeeder.Slug;
        (string Name, string Path)[] screens =
        [
            ("home", ""), ("overview", $"c/{slug}"), ("data", $"c/{slug}/data"), ("leaderboard", $"c/{slug}/leaderboard"),
            ("team", $"c/{slug}/team"), ("submit", $"c/{slug}/submit"), ("submissions", $"c/{slug}/submissions"),
            ("compare", $"c/{slug}/compare?a={a}&b={b}"), ("admin", "admin"), ("admin-competition", $"admin/c/{slug}"),
        ];
        var problems = new List<string>();

        try
        {
            // Act
            foreach (var width in Widths)
            {
                await host.Page.SetViewportSizeAsync(width, 900);
                foreach (var (name, path) in screens)
                {
                    await host.Page.GotoAsync(path);
                    await host.Page.Locator("[data-testid=interactive]").WaitForAsync(new LocatorWaitForOptions { State = WaitForSelectorState.Attached });
                    await host.Page.WaitForLoadStateAsync(LoadState.NetworkIdle);
                    await host.ScreenshotAsync($"screen-{name}-{width}");
                    if (width < 600)
                    {
                        problems.AddRange((await new PhoneLayout(host.Page).ProblemsAsync()).Select(p => $"{name} at {width} px: {p}"));
                    }
                }
            }

            // Assert
            Assert.True(problems.Count == 0, string.Join(Environment.NewLine, problems));
            host.AssertNoJavaScriptErrors();
        }
        catch
        {
            await host.ScreenshotAsync("screens-failure");
            throw;
        }
    }
}
