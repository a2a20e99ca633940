using Microsoft.Playwright;

namespace Portal.E2ETests.PageObjects;

/// <summary>A competition's Admin page as a host uses it.</summary>
public sealed class AdminCompetitionPage(IPage page, string slug)
{
    public async Task OpenAsync()
    {
        await page.GotoAsync($"admin/c/{slug}");
        // Interactive once the circuit has rendered the upload button enabled.
        await page.WaitForSelectorAsync("[data-testid=large-upload-button]:not([disabled])");
        await page.WaitForFunctionAsync("() => window.Blazor !== undefined");
    }

    /// <summary>Chooses the hidden-set zip: the upload starts at once.</summary>
    public Task ChooseHiddenSetAsync(string zipPath) => page.SetInputFilesAsync("[data-testid=large-upload-input]", zipPath);

    /// <summary>The progress line while the zip is being sent ("43% · 1.2 MiB of 3 MiB · 0.9 MB/s · 2 s left").</summary>
    public async Task<string> ProgressAsync()
    {
        var rate = page.Locator("[data-testid=large-upload-rate]");
        await rate.WaitForAsync();
        return await rate.InnerTextAsync();
    }

    /// <summary>The message after the import (success or the reason it failed).</summary>
    public async Task<string> MessageAsync()
    {
        var message = page.Locator("[data-testid=admin-message]");
        await message.WaitForAsync(new() { Timeout = 60_000 });
        return await message.InnerTextAsync();
    }

    /// <summary>The listed problems of a refused hidden set, one sentence each.</summary>
    public async Task<IReadOnlyList<string>> ImportProblemsAsync() =>
        (await page.Locator("[data-testid=import-problem]").AllInnerTextsAsync()).Select(t => t.Trim()).ToList();
}
