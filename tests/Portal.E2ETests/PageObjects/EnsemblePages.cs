using Microsoft.Playwright;

namespace Portal.E2ETests.PageObjects;

/// <summary>The N-way Compare screen and the Ensemble builder.</summary>
public sealed class EnsemblePages(IPage page, string slug)
{
    /// <summary>Opens the N-way comparison of <paramref name="ids"/> and waits for its heatmap.</summary>
    public async Task OpenCompareManyAsync(IEnumerable<int> ids)
    {
        await page.GotoAsync($"c/{slug}/compare-many?ids={string.Join(',', ids)}");
        await page.Locator("[data-testid=interactive]").WaitForAsync(new LocatorWaitForOptions { State = WaitForSelectorState.Attached });
        await page.WaitForSelectorAsync("[data-testid=submission-matrix] svg text");
    }

    public Task<string> OracleRateAsync() => page.InnerTextAsync("[data-testid=oracle-rate]");

    public Task<string> OrderAsync() => page.InnerTextAsync("[data-testid=matrix-order]");

    /// <summary>Clicks "Build an ensemble from these" and waits for the builder's preview of the preselected members.</summary>
    public async Task BuildEnsembleFromTheseAsync()
    {
        await page.ClickAsync("[data-testid=build-ensemble]");
        await page.WaitForURLAsync(url => url.Contains("/ensemble?ids=", StringComparison.Ordinal));
        await page.WaitForSelectorAsync("[data-testid=ensemble-preview] svg text");
    }

    public Task<string> PreviewUnanimousAsync() => page.InnerTextAsync("[data-testid=preview-unanimous]");

    public Task<int> PickedCountAsync() => page.Locator("[data-testid=ensemble-weight]").CountAsync();

    /// <summary>The ensemble's download link as shown (only once it is scored), or null when there is none.</summary>
    public async Task<string?> DownloadLinkAsync()
    {
        var link = page.Locator("[data-testid=ensemble-download]");
        return await link.CountAsync() == 0 ? null : await link.InnerTextAsync();
    }

    /// <summary>Submits the ensemble and waits until it is scored; returns the public score shown.</summary>
    public async Task<string> SubmitAndWaitForScoreAsync()
    {
        await page.ClickAsync("[data-testid=ensemble-submit]");
        var score = page.Locator("[data-testid=public-score]");
        await score.WaitForAsync(new LocatorWaitForOptions { Timeout = 60_000 });
        return await score.InnerTextAsync();
    }
}
