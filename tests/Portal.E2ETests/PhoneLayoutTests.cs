using Microsoft.Playwright;
using Portal.Application.Demo;
using Portal.E2ETests.PageObjects;
using Portal.E2ETests.Support;
using Portal.Web.Tests.Support.Onnx;

namespace Portal.E2ETests;

/// <summary>
/// The main screens at a desktop's 1400 px and a phone's 390 px (screenshots of each under artifacts/screenshots), as the
/// host and as a team member; on the phone nothing is cut off: tables scroll inside their container, buttons keep their
/// whole label, the page fits the window.
/// </summary>
[Collection(nameof(BrowserSuite))]
public sealed class PhoneLayoutTests(PortalServer server) : IClassFixture<PortalServer>
{
    private static readonly (int Width, int Height)[] Viewports = [(1400, 900), (390, 844)];

    [Fact]
    public async Task MainScreens_PhoneWidth_NothingCutOff()
    {
        // Arrange
        var (a, b) = await DemoSubmissions.TwoScoredAsync(server);
        await using var host = await server.NewSessionAsync();
        await new AccountPages(host.Page).SignInAsync(PortalServer.HostEmail, PortalServer.HostPassword);
        var slug = DemoSeeder.Slug;
        Screen[] screens =
        [
            new("home", ""), new("overview", $"c/{slug}"), new("data", $"c/{slug}/data"), new("leaderboard", $"c/{slug}/leaderboard"),
            new("team", $"c/{slug}/team"), new("submit", $"c/{slug}/submit"), new("submissions", $"c/{slug}/submissions"),
            new("compare", $"c/{slug}/compare?a={a}&b={b}"), new("admin", "admin"), new("admin-competition", $"admin/c/{slug}"),
        ];

        // Act
        var problems = await ProblemsAsync(host, "screen", screens);

        // Assert
        Assert.True(problems.Count == 0, string.Join(Environment.NewLine, problems));
        host.AssertNoJavaScriptErrors();
    }

    [Fact]
    public async Task MemberScreens_PhoneWidth_NothingCutOff()
    {
        // Arrange: a newcomer joins the demo team whose scored model has a row of its own (its views' gains), sets the
        // team's webhook, and on Submit picks a model so the form shows its preprocessing fields.
        await using var member = await server.NewSessionAsync();
        var slug = DemoSeeder.Slug;
        var competition = new CompetitionPages(member.Page, slug);
        var model = Path.Combine(server.DataDirectory, "phone.onnx");
        await File.WriteAllBytesAsync(model, TinyModels.Binning(0, 18), TestContext.Current.CancellationToken);
        await new AccountPages(member.Page).SignUpAsync("Pat Phone", "pat@phone.e2e.local", "Student-pass-1");
        await competition.JoinTeamAsync(await DemoTeams.InviteCodeAsync(server, DemoSeeder.ModelTeam));
        // A public address given as a literal: saved without a name lookup, and nothing is sent until a team event.
        await competition.SaveWebhookAsync("https://93.184.215.14/hooks/portal-team");
        Screen[] screens =
        [
            // The new API token is shown once, beside its copy button, until the page is left.
            new("team", $"c/{slug}/team", competition.ShowNewApiTokenAsync),
            new("submit", $"c/{slug}/submit", () => new ModelSubmitPage(member.Page, slug).PickAsync([model])),
            new("submissions", $"c/{slug}/submissions"),
        ];

        // Act
        var problems = await ProblemsAsync(member, "screen-member", screens);

        // Assert
        Assert.True(problems.Count == 0, string.Join(Environment.NewLine, problems));
        member.AssertNoJavaScriptErrors();
    }

    /// <summary>
    /// Opens each screen at each width, saves a screenshot ("{prefix}-{name}-{width}.png") and returns what the phone
    /// width cuts off.
    /// </summary>
    private static async Task<List<string>> ProblemsAsync(BrowserSession session, string prefix, IEnumerable<Screen> screens)
    {
        var problems = new List<string>();
        try
        {
            foreach (var (width, height) in Viewports)
            {
                await session.Page.SetViewportSizeAsync(width, height);
                foreach (var screen in screens)
                {
                    await session.Page.GotoAsync(screen.Path);
                    await session.Page.Locator("[data-testid=interactive]").WaitForAsync(new LocatorWaitForOptions { State = WaitForSelectorState.Attached });
                    await session.Page.WaitForLoadStateAsync(LoadState.NetworkIdle);
                    if (screen.PrepareAsync is not null)
                    {
                        await screen.PrepareAsync();
                    }

                    await session.ScreenshotAsync($"{prefix}-{screen.Name}-{width}");
                    if (width < 600)
                    {
                        problems.AddRange((await new PhoneLayout(session.Page).ProblemsAsync()).Select(p => $"{screen.Name} at {width} px: {p}"));
                    }
                }
            }
        }
        catch
        {
            await session.ScreenshotAsync($"{prefix}s-failure");
            throw;
        }

        return problems;
    }

    /// <summary>A screen to check: its name in the screenshot's file name, its path, and what to do on it first.</summary>
    private sealed record Screen(string Name, string Path, Func<Task>? PrepareAsync = null);
}
