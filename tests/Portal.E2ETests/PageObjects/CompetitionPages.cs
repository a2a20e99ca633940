using Microsoft.Playwright;

namespace Portal.E2ETests.PageObjects;

/// <summary>The screens of one competition: leaderboard, team, submit, admin.</summary>
public sealed class CompetitionPages(IPage page, string slug)
{
    /// <summary>Opens a page and waits until its Blazor circuit is connected, so clicks and uploads reach the server.</summary>
    private async Task OpenAsync(string path)
    {
        await page.GotoAsync(path);
        await page.Locator("[data-testid=interactive]").WaitForAsync(new LocatorWaitForOptions { State = WaitForSelectorState.Attached });
    }

    public async Task<IReadOnlyList<string>> LeaderboardTeamsAsync(bool privateBoard = false)
    {
        await OpenAsync($"c/{slug}/leaderboard{(privateBoard ? "?board=private" : "")}");
        await page.WaitForSelectorAsync("[data-testid=leaderboard-row]");
        return await page.Locator("[data-testid=leaderboard-row] [data-testid=team-name]").AllInnerTextsAsync();
    }

    public async Task CreateTeamAsync(string name)
    {
        await OpenAsync($"c/{slug}/team");
        await page.Locator("[data-testid=team-name-input] input, input[data-testid=team-name-input]").FillAsync(name);
        await page.ClickAsync("[data-testid=create-team]");
        // Creating the team is a round trip through the circuit and a database write: slow on a loaded machine.
        await page.WaitForSelectorAsync("[data-testid=my-team-name]", new PageWaitForSelectorOptions { Timeout = 60_000 });
    }

    public async Task JoinTeamAsync(string inviteCode)
    {
        await OpenAsync($"c/{slug}/team");
        await page.Locator("[data-testid=invite-code-input] input, input[data-testid=invite-code-input]").FillAsync(inviteCode);
        await page.ClickAsync("[data-testid=join-team]");
        await page.WaitForSelectorAsync("[data-testid=my-team-name]", new PageWaitForSelectorOptions { Timeout = 60_000 });
    }

    /// <summary>On the open team page: replaces the team's API token, so the new one shows (once) with its copy button.</summary>
    public async Task ShowNewApiTokenAsync()
    {
        await page.ClickAsync("[data-testid=rotate-token]");
        await page.WaitForSelectorAsync("[data-testid=api-token]");
    }

    /// <summary>On the open team page: saves the team's webhook address, after which its test and remove buttons show.</summary>
    public async Task SaveWebhookAsync(string url)
    {
        await page.Locator("[data-testid=webhook-url] input, input[data-testid=webhook-url]").FillAsync(url);
        await page.ClickAsync("[data-testid=webhook-save]");
        await page.WaitForSelectorAsync("[data-testid=webhook-test]");
    }

    /// <summary>Uploads a CSV on the Submit screen and returns once the page shows the result.</summary>
    public async Task UploadAsync(string file, string description)
    {
        await OpenAsync($"c/{slug}/submit");
        await page.Locator("input[type=file]").SetInputFilesAsync(file);
        await page.WaitForSelectorAsync("[data-testid=picked-file]");
        await page.Locator("[data-testid=description] input, input[data-testid=description]").FillAsync(description);
        await page.ClickAsync("[data-testid=submit]");
    }

    public async Task<string> WaitForPublicScoreAsync()
    {
        var score = page.Locator("[data-testid=public-score]");
        await score.WaitForAsync(new LocatorWaitForOptions { Timeout = 60_000 });
        return await score.InnerTextAsync();
    }

    public async Task<IReadOnlyList<string>> ProblemsAsync()
    {
        await page.WaitForSelectorAsync("[data-testid=problem]");
        return await page.Locator("[data-testid=problem]").AllInnerTextsAsync();
    }

    public async Task CloseAsHostAsync()
    {
        await OpenAsync($"admin/c/{slug}");
        await page.ClickAsync("[data-testid=close-competition]");
        // Closing reveals the private board to everyone, so the page asks first.
        await page.GetByRole(AriaRole.Button, new() { Name = "Close and reveal", Exact = true }).ClickAsync();
        await page.WaitForSelectorAsync("[data-testid=open-competition]");
    }
}
