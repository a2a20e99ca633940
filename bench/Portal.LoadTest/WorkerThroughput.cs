using System.Globalization;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Portal.Data;
using Portal.Data.Entities;
using Portal.Inference.Samples;

namespace Portal.LoadTest;

/// <summary>
/// Issue 11's worker target: model runs per minute with one and with two workers on the same queue. For each count the
/// cluster's workers are stopped, <c>--jobs</c> model submissions (the embedded sample model, hflip, 1,260 hidden images,
/// each from its own team) are queued through the balancer, then that many workers are started; the rate is the jobs
/// over the time from the first claim to the last finish (the jobs' own timestamps in the database).
/// </summary>
internal static class WorkerThroughput
{
    public static async Task<string> RunAsync(ClusterTarget target)
    {
        var jobs = target.Number("jobs", 8);
        int[] workerCounts = [1, 2];
        await using var scenario = await LoadScenario.OverAsync(target.Url, target.Settings, images: 1_260, teams: jobs * workerCounts.Length, dailyLimit: 100);
        using var http = new HttpClient { BaseAddress = new Uri(target.Url), Timeout = TimeSpan.FromMinutes(5) };
        var dbFactory = scenario.Services.GetRequiredService<IDbContextFactory<PortalDbContext>>();
        var lines = new List<string>
        {
            $"| workers | model runs ({jobs}, sample model, hflip, 1,260 images) | first claim to last finish | runs per minute | mean run |",
            "|---:|---|---:|---:|---:|",
        };
        var errors = new HashSet<string>(StringComparer.Ordinal);
        foreach (var workers in workerCounts)
        {
            await ClusterTarget.ClusterScriptAsync("stop", "worker1", "worker2");
            var ids = new List<int>();
            for (var j = 0; j < jobs; j++)
            {
                ids.Add(await SubmitModelAsync(http, scenario, ((workers - 1) * jobs) + j));
            }

            Environment.SetEnvironmentVariable("PORTAL_CLUSTER_WORKERS", workers.ToString(CultureInfo.InvariantCulture));
            await ClusterTarget.ClusterScriptAsync("up");
            var done = await WaitFinishedAsync(dbFactory, ids);
            var span = done.Max(j => j.FinishedAtUtc!.Value) - done.Min(j => j.StartedAtUtc!.Value);
            var mean = done.Average(j => (j.FinishedAtUtc!.Value - j.StartedAtUtc!.Value).TotalSeconds);
            var failed = done.Count(j => j.State != JobState.Succeeded);
            lines.Add(string.Create(CultureInfo.InvariantCulture,
                $"| {workers} | {jobs - failed} succeeded, {failed} failed | {span.TotalSeconds:0.0} s | **{jobs / span.TotalMinutes:0.0}** | {mean:0.0} s |"));
            errors.UnionWith(done.Where(j => j.Error is not null).Select(j => j.Error!));
        }

        lines.AddRange(errors.Select(e => "failed: " + e));

        Environment.SetEnvironmentVariable("PORTAL_CLUSTER_WORKERS", null);
        await ClusterTarget.ClusterScriptAsync("up");
        return string.Join(Environment.NewLine, lines);
    }

    private static async Task<int> SubmitModelAsync(HttpClient http, LoadScenario scenario, int team)
    {
        using var form = new MultipartFormDataContent();
        var file = new ByteArrayContent(SampleModel.ReadBytes());
        file.Headers.ContentType = new MediaTypeHeaderValue("application/octet-stream");
        form.Add(file, "file", SampleModel.FileName);
        form.Add(new StringContent(SampleModel.Preprocess.Width.ToString(CultureInfo.InvariantCulture)), "width");
        form.Add(new StringContent(SampleModel.Preprocess.Height.ToString(CultureInfo.InvariantCulture)), "height");
        form.Add(new StringContent("hflip"), "tta");
        using var request = new HttpRequestMessage(HttpMethod.Post, $"api/v1/competitions/{scenario.Slug}/submissions") { Content = form };
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", scenario.Teams[team].Token);
        using var response = await http.SendAsync(request);
        var body = await response.Content.ReadFromJsonAsync<JsonElement>();
        return response.IsSuccessStatusCode ? body.GetProperty("id").GetInt32() : throw new InvalidOperationException(body.ToString());
    }

    private static async Task<List<Job>> WaitFinishedAsync(IDbContextFactory<PortalDbContext> dbFactory, List<int> submissionIds)
    {
        var deadline = DateTime.UtcNow.AddMinutes(30);
        while (DateTime.UtcNow < deadline)
        {
            await using var db = await dbFactory.CreateDbContextAsync();
            var jobs = await db.Jobs.AsNoTracking().Where(j => j.SubmissionId != null && submissionIds.Contains(j.SubmissionId.Value)).ToListAsync();
            if (jobs.Count == submissionIds.Count && jobs.All(j => j.FinishedAtUtc is not null))
            {
                return jobs;
            }

            await Task.Delay(250);
        }

        throw new TimeoutException("The model runs did not finish within 30 minutes.");
    }
}
