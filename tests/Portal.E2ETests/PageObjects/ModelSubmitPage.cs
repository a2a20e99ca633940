using Microsoft.Playwright;

namespace Portal.E2ETests.PageObjects;

/// <summary>The Submit screen with model files: preprocessing fields, live progress of the run; and the model's row on Submissions.</summary>
public sealed class ModelSubmitPage(IPage page, string slug)
{
    private async Task OpenAsync(string path)
    {
        await page.GotoAsync(path);
        await page.Locator("[data-testid=interactive]").WaitForAsync(new LocatorWaitForOptions { State = WaitForSelectorState.Attached });
    }

    /// <summary>Picks the model files, sets the input size and submits.</summary>
    public async Task UploadAsync(IEnumerable<string> files, int width, int height, string description)
    {
        await OpenAsync($"c/{slug}/submit");
        await PickAsync(files);
        await Field("model-width").FillAsync(width.ToString(System.Globalization.CultureInfo.InvariantCulture));
        await Field("model-height").FillAsync(height.ToString(System.Globalization.CultureInfo.InvariantCulture));
        await Field("description").FillAsync(description);
        await page.ClickAsync("[data-testid=submit]");
    }

    /// <summary>On the open Submit screen: picks model files, so the form shows its preprocessing fields.</summary>
    public async Task PickAsync(IEnumerable<string> files)
    {
        await page.Locator("input[type=file]").SetInputFilesAsync(files);
        await page.WaitForSelectorAsync("[data-testid=model-settings]");
    }

    /// <summary>Waits for a progress line of the running model ("… of N images …") and returns it.</summary>
    public async Task<string> WaitForRunProgressAsync()
    {
        var text = page.Locator("[data-testid=progress-text]", new PageLocatorOptions { HasTextRegex = new System.Text.RegularExpressions.Regex(" of [0-9,]+ images") });
        await text.WaitForAsync(new LocatorWaitForOptions { Timeout = 60_000 });
        return await text.InnerTextAsync();
    }

    public async Task<string> WaitForPublicScoreAsync()
    {
        var score = page.Locator("[data-testid=public-score]");
        await score.WaitForAsync(new LocatorWaitForOptions { Timeout = 120_000 });
        return await score.InnerTextAsync();
    }

    /// <summary>Opens Submissions and returns the text of the model's per-view table.</summary>
    public async Task<string> ModelGainsAsync()
    {
        await OpenAsync($"c/{slug}/submissions");
        var gains = page.Locator("[data-testid=model-gains]").First;
        await gains.WaitForAsync();
        return await gains.InnerTextAsync();
    }

    private ILocator Field(string testId) => page.Locator($"[data-testid={testId}] input, input[data-testid={testId}]").First;
}
