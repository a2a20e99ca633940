using System.Diagnostics;
using System.Globalization;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using Portal.Inference.Samples;

namespace Portal.LoadTest;

/// <summary>
/// Issue 10's recovery target: a worker killed with <c>kill -9</c> during a model run; another worker finishes the job
/// within the lease plus 10 s, with the same score as an uninterrupted run. The web app here runs no job
/// (<c>Jobs:RunWorker=false</c>); the workers are src/Portal.Worker's build output as processes of their own.
/// </summary>
internal static class WorkerKill
{
    private static readonly TimeSpan Lease = TimeSpan.FromSeconds(60);

    public static async Task<string> RunAsync(int images)
    {
        await using var scenario = await LoadScenario.StartAsync(images, teams: 2, dailyLimit: 10, jobConcurrency: 2, runWorker: false);
        using var http = new HttpClient { BaseAddress = new Uri(scenario.BaseUrl), Timeout = TimeSpan.FromMinutes(5) };
        var killed = await SubmitAsync(http, scenario, 0);
        var first = StartWorker(scenario.DataDirectory);
        await WaitForAsync(http, scenario, 0, killed, "running", TimeSpan.FromMinutes(2));
        await Task.Delay(TimeSpan.FromSeconds(2));
        first.Kill(entireProcessTree: false);
        var clock = Stopwatch.StartNew();
        using var second = StartWorker(scenario.DataDirectory);
        var recovered = await WaitForAsync(http, scenario, 0, killed, "scored", Lease + TimeSpan.FromMinutes(5));
        var recovery = clock.Elapsed;
        var again = await SubmitAsync(http, scenario, 1);
        var uninterrupted = await WaitForAsync(http, scenario, 1, again, "scored", TimeSpan.FromMinutes(5));
        second.Kill(entireProcessTree: true);
        first.Dispose();
        return string.Create(CultureInfo.InvariantCulture,
            $"worker killed mid-run ({images:N0} images, sample model, hflip): scored by the next worker {recovery.TotalSeconds:0.0} s after the kill " +
            $"(lease {Lease.TotalSeconds:0} s, target <= {(Lease + TimeSpan.FromSeconds(10)).TotalSeconds:0} s); public F1 {recovered:0.000000} " +
            $"against {uninterrupted:0.000000} uninterrupted ({(recovered == uninterrupted ? "same" : "DIFFERENT")})");
    }

    private static async Task<int> SubmitAsync(HttpClient http, LoadScenario scenario, int team)
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

    /// <summary>Waits for the submission's status; returns its public score (NaN before scoring).</summary>
    private static async Task<double> WaitForAsync(HttpClient http, LoadScenario scenario, int team, int id, string status, TimeSpan timeout)
    {
        var deadline = DateTime.UtcNow + timeout;
        while (DateTime.UtcNow < deadline)
        {
            using var request = new HttpRequestMessage(HttpMethod.Get, $"api/v1/submissions/{id}");
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", scenario.Teams[team].Token);
            using var response = await http.SendAsync(request);
            var body = await response.Content.ReadFromJsonAsync<JsonElement>();
            var now = body.GetProperty("status").GetString();
            if (now == status)
            {
                return body.TryGetProperty("publicScore", out var score) && score.ValueKind == JsonValueKind.Number ? score.GetDouble() : double.NaN;
            }

            if (now is "failed" or "cancelled")
            {
                throw new InvalidOperationException($"Submission {id} ended {now}: {body}");
            }

            await Task.Delay(200);
        }

        throw new TimeoutException($"Submission {id} did not reach {status}.");
    }

    private static Process StartWorker(string data)
    {
        var root = new DirectoryInfo(AppContext.BaseDirectory);
        while (root is not null && !File.Exists(Path.Combine(root.FullName, "Portal.sln")))
        {
            root = root.Parent;
        }

        var dll = Path.Combine(root!.FullName, "src", "Portal.Worker", "bin", "Release", "net10.0", "Portal.Worker.dll");
        var start = new ProcessStartInfo("dotnet") { UseShellExecute = false, RedirectStandardOutput = false };
        start.ArgumentList.Add(dll);
        start.Environment["Portal__DataDirectory"] = data;
        start.Environment["Portal__SeedDemo"] = "false";
        start.Environment["Inference__Provider"] = "Cpu";
        start.Environment["Jobs__Lease"] = Lease.ToString("c", CultureInfo.InvariantCulture);
        start.Environment["Jobs__PollInterval"] = "00:00:00.500";
        start.Environment["Logging__LogLevel__Default"] = "Warning";
        return Process.Start(start) ?? throw new InvalidOperationException("The worker did not start.");
    }
}
