using System.Globalization;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using Portal.Data;

namespace Portal.LoadTest;

/// <summary>
/// Issue 11's live-update target: the time from a score written by a worker to the update of a board page open in a
/// browser on a web instance. Each sample is an ensemble (a job: a worker builds and scores it) sent through one
/// instance while the public board of the competition is open on the other (<c>--page-url</c>); the page's
/// MutationObserver notes when the team's "Entries" cell first shows the new count (the browser's clock), and the
/// sample is that time minus the submission's <c>ScoredAtUtc</c> (the worker's clock: the same machine). One sample at a
/// time, the next sent once the last is on the page.
/// </summary>
internal static class PageUpdateLatency
{
    private const string Observer = """
        () => {
          window.portalSeen = {};
          const note = () => {
            for (const row of document.querySelectorAll('[data-testid=leaderboard-row]')) {
              const key = row.querySelector('[data-testid=team-name]').textContent.trim() + '|' + row.children[3].textContent.trim();
              if (!(key in window.portalSeen)) window.portalSeen[key] = Date.now();
            }
          };
          note();
          new MutationObserver(note).observe(document.body, { subtree: true, childList: true, characterData: true });
        }
        """;

    public static async Task<string> RunAsync(ClusterTarget target)
    {
        var samples = target.Number("samples", 30);
        const int teams = 5;
        await using var scenario = await LoadScenario.OverAsync(target.SubmitUrl, target.Settings, images: 1_260, teams, dailyLimit: 100_000);
        using var http = new HttpClient { BaseAddress = new Uri(target.SubmitUrl), Timeout = TimeSpan.FromMinutes(2) };

        // Each team's two CSVs, the members of its ensembles.
        var members = new List<(int A, int B)>();
        for (var t = 0; t < teams; t++)
        {
            members.Add((await CsvAsync(http, scenario, t, 1), await CsvAsync(http, scenario, t, 2)));
        }

        using var playwright = await Playwright.CreateAsync();
        await using var browser = await playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = "/usr/bin/chromium",
            Headless = true,
            Args = ["--no-sandbox", "--disable-dev-shm-usage"],
        });
        var page = await browser.NewPageAsync(new BrowserNewPageOptions { BaseURL = target.PageUrl });
        page.SetDefaultTimeout(60_000);
        await page.GotoAsync($"c/{scenario.Slug}/leaderboard");
        await page.Locator("[data-testid=interactive]").WaitForAsync(new LocatorWaitForOptions { State = WaitForSelectorState.Attached });
        await page.Locator("[data-testid=leaderboard-row]").First.WaitForAsync();
        await page.EvaluateAsync(Observer);

        var dbFactory = scenario.Services.GetRequiredService<IDbContextFactory<PortalDbContext>>();
        var latencies = new List<double>();
        var entries = Enumerable.Repeat(2, teams).ToArray();
        var names = await TeamNamesAsync(dbFactory, scenario);
        for (var i = 0; i < samples; i++)
        {
            var t = i % teams;
            var id = await EnsembleAsync(http, scenario, t, members[t], weight: 2 + (i / teams));
            entries[t]++;
            var key = $"{names[t]}|{entries[t]}";
            await page.WaitForFunctionAsync("key => key in window.portalSeen", key, new PageWaitForFunctionOptions { Timeout = 120_000, PollingInterval = 20 });
            var seen = await page.EvaluateAsync<double>("key => window.portalSeen[key]", key);
            await using var db = await dbFactory.CreateDbContextAsync();
            var scored = await db.Submissions.Where(s => s.Id == id).Select(s => s.ScoredAtUtc).SingleAsync();
            var scoredMs = (scored!.Value - DateTime.UnixEpoch).TotalMilliseconds;
            latencies.Add(seen - scoredMs);
        }

        return string.Create(CultureInfo.InvariantCulture, $"""
            | score written by a worker to the board page on the other instance ({samples} ensembles, one at a time) | |
            |---|---|
            | p50 / p95 / max | {Percentiles.Of(latencies, 0.5):0} ms / {Percentiles.Of(latencies, 0.95):0} ms / {latencies.Max():0} ms |
            """);
    }

    private static async Task<int> CsvAsync(HttpClient http, LoadScenario scenario, int team, ulong seed)
    {
        using var form = new MultipartFormDataContent();
        var file = new ByteArrayContent(scenario.Submission(0.2 + (0.1 * (double)seed), (ulong)(team * 10) + seed));
        file.Headers.ContentType = new MediaTypeHeaderValue("text/csv");
        form.Add(file, "file", "submission.csv");
        return await SendAsync(http, scenario, team, "submissions", form);
    }

    private static async Task<int> EnsembleAsync(HttpClient http, LoadScenario scenario, int team, (int A, int B) members, int weight)
    {
        var body = JsonSerializer.Serialize(new
        {
            method = "hard",
            members = new[] { new { id = members.A, weight = 1 }, new { id = members.B, weight } },
            description = $"weights 1:{weight}",
        });
        using var content = new StringContent(body, Encoding.UTF8, "application/json");
        return await SendAsync(http, scenario, team, "ensembles", content);
    }

    private static async Task<int> SendAsync(HttpClient http, LoadScenario scenario, int team, string what, HttpContent content)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, $"api/v1/competitions/{scenario.Slug}/{what}") { Content = content };
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", scenario.Teams[team].Token);
        using var response = await http.SendAsync(request);
        var answer = await response.Content.ReadFromJsonAsync<JsonElement>();
        return response.IsSuccessStatusCode ? answer.GetProperty("id").GetInt32() : throw new InvalidOperationException($"{what}: {(int)response.StatusCode} {answer}");
    }

    private static async Task<string[]> TeamNamesAsync(IDbContextFactory<PortalDbContext> dbFactory, LoadScenario scenario)
    {
        await using var db = await dbFactory.CreateDbContextAsync();
        var ids = scenario.Teams.Select(t => t.TeamId).ToList();
        var names = await db.Teams.Where(t => ids.Contains(t.Id)).ToDictionaryAsync(t => t.Id, t => t.Name);
        return [.. scenario.Teams.Select(t => names[t.TeamId])];
    }
}
