using Microsoft.Playwright;

namespace Portal.E2ETests.PageObjects;

/// <summary>A training run in the browser: picked as a folder beside the submission on Submit, and its curves on Submissions.</summary>
public sealed class TrainingRunPages(IPage page, string slug)
{
    private async Task OpenAsync(string path)
    {
        await page.GotoAsync(path);
        await page.Locator("[data-testid=interactive]").WaitForAsync(new LocatorWaitForOptions { State = WaitForSelectorState.Attached });
    }

    /// <summary>
    /// On Submit: picks the CSV, opens "Add its training run", picks <paramref name="runFolder"/> as a folder, waits until
    /// its <paramref name="files"/> files have been sent, and submits; returns the run's files as the picker showed them
    /// ("fold_0/events.out.tfevents.… — 6 KiB"), in the browser's order.
    /// </summary>
    public async Task<IReadOnlyList<string>> SubmitWithRunFolderAsync(string csv, string runFolder, int files, string description)
    {
        await OpenAsync($"c/{slug}/submit");
        await page.Locator("[data-testid=file-upload] input[type=file]").SetInputFilesAsync(csv);
        await page.Locator("[data-testid=file-upload] [data-testid=picked-file]").WaitForAsync();
        await page.ClickAsync("[data-testid=add-run]");
        await page.Locator("[data-testid=run-file-upload] [data-testid=folder-input]").SetInputFilesAsync(runFolder);
        await Assertions.Expect(page.Locator("[data-testid=run-file-upload] [data-testid=picked-file]")).ToHaveCountAsync(files);
        await Assertions.Expect(page.Locator("[data-testid=staging-progress]")).ToHaveCountAsync(0, new() { Timeout = 60_000 });
        await page.Locator("[data-testid=description] input, input[data-testid=description]").First.FillAsync(description);
        await Assertions.Expect(page.Locator("[data-testid=submit]")).ToBeEnabledAsync();
        var picked = await page.Locator("[data-testid=run-file-upload] [data-testid=picked-file]").AllInnerTextsAsync();
        await page.ClickAsync("[data-testid=submit]");
        return picked;
    }

    /// <summary>Waits for the Submit page to say the run was attached, and returns that sentence.</summary>
    public async Task<string> WaitForRunKeptAsync()
    {
        var kept = page.Locator("[data-testid=run-kept], [data-testid=run-not-kept]");
        await kept.WaitForAsync(new LocatorWaitForOptions { Timeout = 60_000 });
        return await page.Locator("[data-testid=run-kept]").InnerTextAsync(new LocatorInnerTextOptions { Timeout = 1_000 });
    }

    /// <summary>Opens Submissions and waits for the training runs' table; the rows, newest submission first.</summary>
    public async Task<ILocator> OpenRunRowsAsync()
    {
        await OpenAsync($"c/{slug}/submissions");
        var rows = page.Locator("[data-testid=run-row]");
        await rows.First.WaitForAsync(new LocatorWaitForOptions { Timeout = 60_000 });
        return rows;
    }

    /// <summary>The lines drawn in the chart of <paramref name="tag"/> ("#12 fold_0", ...).</summary>
    public async Task<IReadOnlyList<string>> LinesOfAsync(string tag)
    {
        var chart = page.Locator($"[data-testid=training-curves][data-tag=\"{tag}\"]");
        await chart.WaitForAsync(new LocatorWaitForOptions { Timeout = 30_000 });
        await chart.Locator("svg text").First.WaitForAsync();
        return ((await chart.GetAttributeAsync("data-lines")) ?? "").Split('|', StringSplitOptions.RemoveEmptyEntries);
    }
}
