using System.Diagnostics;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Portal.Core.Randomness;
using Portal.Data;
using Portal.Data.Entities;
using Portal.Data.Versions;

namespace Portal.LoadTest;

/// <summary>
/// A board of 100 teams and 5,000 scored submissions: time of the API and the page, with the board
/// cache cold (a score just arrived: every request recomputes) and warm.
/// </summary>
internal static class LeaderboardLoad
{
    public static async Task<string> RunAsync(int teams, int submissions, int requests)
    {
        await using var scenario = await LoadScenario.StartAsync(images: 1_000, teams, dailyLimit: 100_000, jobConcurrency: 1);
        var dbFactory = scenario.Factory.Services.GetRequiredService<IDbContextFactory<PortalDbContext>>();
        await using (var db = await dbFactory.CreateDbContextAsync())
        {
            var rng = new DeterministicRandom(3);
            var start = DateTime.UtcNow.AddDays(-20);
            for (var i = 0; i < submissions; i++)
            {
                var team = scenario.Teams[i % teams].TeamId;
                db.Submissions.Add(new Submission
                {
                    CompetitionId = scenario.CompetitionId,
                    TeamId = team,
                    Kind = SubmissionKind.LabelsCsv,
                    Status = SubmissionStatus.Scored,
                    Description = "seeded",
                    FileKey = "",
                    FileName = "seeded.csv",
                    QuotaDay = "2026-01-01",
                    CreatedAtUtc = start.AddMinutes(i * 5),
                    ScoredAtUtc = start.AddMinutes(i * 5),
                    PublicScore = 0.3 + 0.6 * rng.NextDouble(),
                    PrivateScore = 0.3 + 0.6 * rng.NextDouble(),
                });
            }

            await db.SaveChangesAsync();
        }

        using var http = new HttpClient { BaseAddress = new Uri(scenario.BaseUrl) };
        var api = $"api/v1/competitions/{scenario.Slug}/leaderboard";
        var page = $"c/{scenario.Slug}/leaderboard";
        var results = new List<string>();
        foreach (var (name, url) in new[] { ("API", api), ("page (server-rendered HTML)", page) })
        {
            foreach (var cold in new[] { true, false })
            {
                for (var w = 0; w < 20; w++)
                {
                    await http.GetStringAsync(url);
                }

                var times = new List<double>();
                for (var r = 0; r < requests; r++)
                {
                    if (cold)
                    {
                        // What a score arriving does to the board's cache: the version moves, every reader recomputes.
                        await using var db = await dbFactory.CreateDbContextAsync();
                        await db.RaiseVersionAsync(scenario.CompetitionId, CompetitionVersion.Board, CancellationToken.None);
                    }

                    var t0 = Stopwatch.GetTimestamp();
                    var body = await http.GetStringAsync(url);
                    times.Add(Stopwatch.GetElapsedTime(t0).TotalMilliseconds);
                    if (!body.Contains("Team 0", StringComparison.Ordinal))
                    {
                        throw new InvalidOperationException($"{url} did not return the board.");
                    }
                }

                results.Add($"| {name} | {(cold ? "cold (recomputed each request)" : "warm (cached)")} | {Percentiles.Of(times, 0.5):0.0} ms | {Percentiles.Of(times, 0.95):0.0} ms | {Percentiles.Of(times, 0.99):0.0} ms |");
            }
        }

        return $"""
            Board of {teams} teams and {submissions:N0} scored submissions, {requests} sequential requests each, loopback:

            | endpoint | cache | p50 | p95 | p99 |
            |---|---|---|---|---|
            {string.Join(Environment.NewLine, results)}
            """;
    }
}
