using Microsoft.Playwright;

namespace Portal.E2ETests.PageObjects;

/// <summary>The Compare screen of two submissions.</summary>
public sealed class ComparePage(IPage page, string slug)
{
    public async Task OpenAsync(int a, int b)
    {
        await page.GotoAsync($"c/{slug}/compare?a={a}&b={b}");
        await page.Locator("[data-testid=interactive]").WaitForAsync(new LocatorWaitForOptions { State = WaitForSelectorState.Attached });
        await page.WaitForSelectorAsync("[data-testid=heatmap-cell]");
    }

    public Task<string> ShownCountAsync() => page.InnerTextAsync("[data-testid=shown-count]");

    /// <summary>Clicks the largest cell listed under the transition heatmap and waits for the list to filter.</summary>
    public async Task<string> ClickLargestCellAsync()
    {
        var cell = page.Locator("[data-testid=heatmap-cell]").First;
        var text = await cell.InnerTextAsync();
        await cell.ClickAsync();
        await page.WaitForSelectorAsync("[data-testid=pair-filter]");
        return text;
    }

    public Task<IReadOnlyList<string>> VisibleRowsAsync() => page.Locator("[data-testid=difference-row]").AllInnerTextsAsync();

    /// <summary>Fetches the CSV the export button links to, with the page's cookies.</summary>
    public async Task<string> ExportCsvAsync()
    {
        var href = await page.GetAttributeAsync("[data-testid=export-csv]", "href");
        var response = await page.APIRequest.GetAsync(href!);
        Assert.True(response.Ok, $"{href} answered {response.Status}.");
        return await response.TextAsync();
    }
}
