using System.Diagnostics;
using System.Net;
using System.Net.Http.Headers;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Portal.Data;
using Portal.Data.Entities;

namespace Portal.LoadTest;

/// <summary>
/// Sends <c>count</c> different 12,600-row CSVs through the API with bounded concurrency and waits until every
/// accepted one is scored: throughput end to end, POST latency, upload-to-score latency, and the checks that none was
/// lost or counted twice. A CSV is scored in its request (201 with the score), so upload to scored is the POST's own
/// latency; a queued answer (202, as before CSVs were scored in the request) adds the time from its row to its score.
/// </summary>
internal static class SubmissionLoad
{
    /// <summary>
    /// Submissions sent and scored before the clock starts: a server's steady state is measured, not its first seconds,
    /// in which the JIT compiles (tier 0, then tier 1 in the background on the same 2 cores) every method of the path.
    /// </summary>
    public const int DefaultWarmUp = 200;

    /// <summary>The portal in this process (SQLite, Kestrel on loopback), <paramref name="images"/> hidden images, 20 teams.</summary>
    public static async Task<string> RunAsync(int count, int concurrency, int images, int warmUp = DefaultWarmUp)
    {
        await using var scenario = await LoadScenario.StartAsync(images, teams: 20, dailyLimit: 100_000, jobConcurrency: 2);
        return await RunAsync(new SubmissionTarget(scenario.BaseUrl, scenario.Slug, scenario.CompetitionId, scenario.Teams, scenario.Submission, scenario.Factory.Services), count, concurrency, images, warmUp);
    }

    /// <summary>
    /// The load against <paramref name="scenario"/>'s portal, wherever it runs (this file is also copied into older trees
    /// by bench/csv_intake.sh, so it names only what every tree's LoadScenario has).
    /// </summary>
    public static async Task<string> RunAsync(SubmissionTarget scenario, int count, int concurrency, int images, int warmUp = DefaultWarmUp)
    {
        ArgumentNullException.ThrowIfNull(scenario);
        // Every upload its own file (the same file twice from a team is refused as the same submission); made before the clock starts.
        var payloads = Enumerable.Range(0, count + warmUp).Select(i => scenario.Submission(0.1 + 0.02 * (i % 16), (ulong)i + 1)).ToArray();
        using var http = new HttpClient(new SocketsHttpHandler { MaxConnectionsPerServer = concurrency }) { BaseAddress = new Uri(scenario.BaseUrl), Timeout = TimeSpan.FromMinutes(2) };
        var url = $"api/v1/competitions/{scenario.Slug}/submissions";

        // Warm-up: JIT and caches, the same load, not counted.
        var warm = await SendAllAsync(http, url, scenario, payloads[count..], concurrency);
        await WaitScoredAsync(scenario, warm.AcceptedIds.Count);

        var cpuBefore = Process.GetCurrentProcess().TotalProcessorTime;
        var serverCpuBefore = ServerCpu(scenario);
        var started = Stopwatch.GetTimestamp();
        var measured = await SendAllAsync(http, url, scenario, payloads[..count], concurrency);
        var acceptedSeconds = Stopwatch.GetElapsedTime(started).TotalSeconds;
        var statuses = measured.Statuses;
        var latencies = measured.Latencies;
        var acceptedIds = measured.AcceptedIds;
        var accepted = statuses.GetValueOrDefault(HttpStatusCode.Accepted) + statuses.GetValueOrDefault(HttpStatusCode.Created);
        var sent = accepted + warm.AcceptedIds.Count;
        await WaitScoredAsync(scenario, sent);
        var scoredSeconds = Stopwatch.GetElapsedTime(started).TotalSeconds;
        // This process's CPU time over the measured phase, per submission: the portal's and, when it runs in this process,
        // the load generator's (what bounds throughput on a machine of N cores: N seconds of CPU a second).
        var cpuPerSubmission = (Process.GetCurrentProcess().TotalProcessorTime - cpuBefore).TotalMilliseconds / Math.Max(1, count);
        // The portal's own process, when it runs as one (bench/csv_intake.sh): its CPU time alone, what a machine of N cores
        // serving only the portal divides N seconds a second by.
        var serverCpuPerSubmission = (ServerCpu(scenario) - serverCpuBefore)?.TotalMilliseconds / Math.Max(1, count);

        await using var db = await scenario.Services.GetRequiredService<IDbContextFactory<PortalDbContext>>().CreateDbContextAsync();
        var rows = await db.Submissions.Where(s => s.CompetitionId == scenario.CompetitionId).ToListAsync();
        var teamIds = scenario.Teams.Select(t => t.TeamId).ToList();
        var quotaUsed = await db.DailyQuotas.Where(q => teamIds.Contains(q.TeamId)).SumAsync(q => q.Used);
        // Queued ones: from the row to its score, after a POST of about the median latency.
        var measuredIds = acceptedIds.ToHashSet();
        var queued = rows.Where(r => measuredIds.Contains(r.Id) && r.ScoredAtUtc is not null && r.ScoredAtUtc > r.CreatedAtUtc.AddMilliseconds(1))
            .Select(r => Percentiles.Of(latencies, 0.5) + (r.ScoredAtUtc!.Value - r.CreatedAtUtc).TotalMilliseconds).ToList();
        var endToEnd = statuses.GetValueOrDefault(HttpStatusCode.Created) > 0 ? measured.ScoredInRequest : queued;
        var failed = rows.Count(r => r.Status != SubmissionStatus.Scored);
        var rowIds = rows.Select(r => r.Id).ToHashSet();

        return $"""
            | submissions sent | {count} ({concurrency} at a time, {images:N0}-row CSVs, {scenario.Teams.Count} teams), after {warmUp} sent the same way to warm up |
            |---|---|
            | responses | {string.Join(", ", statuses.Select(kv => $"{(int)kv.Key}: {kv.Value}"))} |
            | accepted per second (POST phase) | {accepted / acceptedSeconds:0.0} |
            | accepted and scored per second, end to end | {accepted / scoredSeconds:0.0} ({accepted} in {scoredSeconds:0.00} s) |
            | CPU time of this process per submission | {cpuPerSubmission:0.0} ms |
            | CPU time of the portal's process per submission | {(serverCpuPerSubmission is { } server ? $"{server:0.0} ms (2 cores serving only the portal: {2000 / server:0} per second)" : "(the portal runs in this process)")} |
            | POST latency p50 / p99 | {Percentiles.Of(latencies, 0.5):0} ms / {Percentiles.Of(latencies, 0.99):0} ms |
            | upload to scored p50 / p99 | {Percentiles.Of(endToEnd, 0.5):0} ms / {Percentiles.Of(endToEnd, 0.99):0} ms ({(endToEnd == measured.ScoredInRequest ? "scored in the request" : "POST p50 + row to score")}) |
            | rows in the database / accepted + warm-up | {rows.Count} / {sent} |
            | accepted ids: distinct / found in the database | {acceptedIds.Distinct().Count()} of {acceptedIds.Count} / {acceptedIds.Count(rowIds.Contains)} of {acceptedIds.Count} |
            | quota slots used / accepted + warm-up | {quotaUsed} / {sent} |
            | not scored | {failed} |
            """;
    }

    /// <summary>What one batch of uploads got back: statuses, each POST's latency, the accepted ids, the latencies of those scored in their request.</summary>
    private sealed record Sent(Dictionary<HttpStatusCode, int> Statuses, List<double> Latencies, List<int> AcceptedIds, List<double> ScoredInRequest);

    /// <summary>Sends <paramref name="payloads"/>, <paramref name="concurrency"/> at a time, the teams taking turns.</summary>
    private static async Task<Sent> SendAllAsync(HttpClient http, string url, SubmissionTarget scenario, byte[][] payloads, int concurrency)
    {
        var sent = new Sent([], [], [], []);
        var next = -1;
        var workers = Enumerable.Range(0, concurrency).Select(async _ =>
        {
            int i;
            while ((i = Interlocked.Increment(ref next)) < payloads.Length)
            {
                var team = scenario.Teams[i % scenario.Teams.Count];
                var t0 = Stopwatch.GetTimestamp();
                var (status, id) = await SendAsync(http, url, team.Token, payloads[i]);
                var ms = Stopwatch.GetElapsedTime(t0).TotalMilliseconds;
                lock (sent)
                {
                    sent.Latencies.Add(ms);
                    if (id is { } accepted)
                    {
                        sent.AcceptedIds.Add(accepted);
                    }

                    if (status == HttpStatusCode.Created)
                    {
                        sent.ScoredInRequest.Add(ms);
                    }

                    sent.Statuses[status] = sent.Statuses.GetValueOrDefault(status) + 1;
                }
            }
        }).ToArray();
        await Task.WhenAll(workers);
        return sent;
    }

    /// <summary>One upload: its status, and the submission's id when accepted (201 or 202).</summary>
    private static async Task<(HttpStatusCode Status, int? Id)> SendAsync(HttpClient http, string url, string token, byte[] csv)
    {
        using var content = new MultipartFormDataContent();
        var file = new ByteArrayContent(csv);
        file.Headers.ContentType = new MediaTypeHeaderValue("text/csv");
        content.Add(file, "file", "submission.csv");
        content.Add(new StringContent("load test"), "description");
        using var request = new HttpRequestMessage(HttpMethod.Post, url) { Content = content };
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        using var response = await http.SendAsync(request);
        if (response.StatusCode is not (HttpStatusCode.Created or HttpStatusCode.Accepted))
        {
            return (response.StatusCode, null);
        }

        using var body = await System.Text.Json.JsonDocument.ParseAsync(await response.Content.ReadAsStreamAsync());
        return (response.StatusCode, body.RootElement.GetProperty("id").GetInt32());
    }

    /// <summary>The CPU time so far of the portal's process when it is another one (<see cref="SubmissionTarget.ServerProcessId"/>).</summary>
    private static TimeSpan? ServerCpu(SubmissionTarget scenario)
    {
        if (scenario.ServerProcessId is not int pid)
        {
            return null;
        }

        using var server = Process.GetProcessById(pid);
        return server.TotalProcessorTime;
    }

    private static async Task WaitScoredAsync(SubmissionTarget scenario, int expected)
    {
        var dbFactory = scenario.Services.GetRequiredService<IDbContextFactory<PortalDbContext>>();
        var deadline = Stopwatch.GetTimestamp() + Stopwatch.Frequency * 600;
        while (Stopwatch.GetTimestamp() < deadline)
        {
            await using var db = await dbFactory.CreateDbContextAsync();
            var done = await db.Submissions.CountAsync(s => s.CompetitionId == scenario.CompetitionId && (s.Status == SubmissionStatus.Scored || s.Status == SubmissionStatus.Failed));
            if (done >= expected)
            {
                return;
            }

            await Task.Delay(20);
        }

        throw new TimeoutException("Submissions were not scored within 10 minutes.");
    }
}

/// <summary>
/// What the submission load needs of a portal: its address, the competition and teams, CSVs, and its services for the
/// checks; <paramref name="ServerProcessId"/>: the portal's process when it runs in another one on this machine.
/// </summary>
internal sealed record SubmissionTarget(
    string BaseUrl,
    string Slug,
    int CompetitionId,
    IReadOnlyList<(int TeamId, string Token)> Teams,
    Func<double, ulong, byte[]> Submission,
    IServiceProvider Services,
    int? ServerProcessId = null);
