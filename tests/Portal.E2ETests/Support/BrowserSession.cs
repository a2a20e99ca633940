using Microsoft.Playwright;

namespace Portal.E2ETests.Support;

/// <summary>A browser context and its page; collects JavaScript errors so a test fails on any of them.</summary>
public sealed class BrowserSession : IAsyncDisposable
{
    private readonly List<string> _errors = [];

    public BrowserSession(IBrowserContext context, IPage page)
    {
        Context = context;
        Page = page;
        page.PageError += (_, error) => _errors.Add($"page error: {error}");
        page.Response += (_, response) =>
        {
            if (response.Status >= 400 && !response.Url.Contains("/api/", StringComparison.Ordinal))
            {
                _errors.Add($"HTTP {response.Status}: {response.Url}");
            }
        };
        page.Console += (_, message) =>
        {
            // The browser logs an API's 4xx as a failed resource too; the response rule above already judged it.
            var apiAnswer = message.Text.StartsWith("Failed to load resource", StringComparison.Ordinal)
                && message.Location.Contains("/api/", StringComparison.Ordinal);
            if (message.Type == "error" && !apiAnswer)
            {
                _errors.Add($"console error: {message.Text}");
            }
        };
    }

    public IBrowserContext Context { get; }

    public IPage Page { get; }

    public IReadOnlyList<string> Errors => _errors;

    /// <summary>Saves a full-page screenshot under artifacts/screenshots (kept as a test artifact).</summary>
    public async Task ScreenshotAsync(string name)
    {
        Directory.CreateDirectory(Artifacts.Screenshots);
        await Page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(Artifacts.Screenshots, name + ".png"), FullPage = true });
    }

    public void AssertNoJavaScriptErrors() => Assert.True(_errors.Count == 0, string.Join(Environment.NewLine, _errors));

    public async ValueTask DisposeAsync() => await Context.DisposeAsync();
}
