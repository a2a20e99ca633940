namespace Portal.LoadTest;

/// <summary>
/// Bounded load on loopback only. Usage:
///   dotnet run -c Release --project bench/Portal.LoadTest -- submissions [count=1000] [concurrency=8] [warmup=200]
///   dotnet run -c Release --project bench/Portal.LoadTest -- leaderboard [requests=200]
///   dotnet run -c Release --project bench/Portal.LoadTest -- hidden-set-upload [images=12600]   (build src/Portal.Web -c Release first)
///   dotnet run -c Release --project bench/Portal.LoadTest -- worker-kill [images=12600]   (build src/Portal.Worker -c Release first)
///   dotnet run -c Release --project bench/Portal.LoadTest -- events [messages=1000] [redis=127.0.0.1:56379]   (bash tools/engines.sh up first)
/// Against a portal in other processes (bench/cluster.sh runs these; options in <see cref="ClusterTarget"/>):
///   ... -- remote-submissions --url URL --setting Database:Provider=Postgres --setting ... [--count 1000] [--concurrency 8] [--warmup 200] [--server-pid PID]
///   ... -- page-latency --submit-url WEB1 --page-url WEB2 --setting ... [--samples 30]
///   ... -- worker-throughput --url BALANCER --setting ... [--jobs 8]   (stops and starts the workers of tools/cluster.sh)
/// </summary>
internal static class LoadTestMain
{
    public static async Task Main(string[] args)
    {
        var mode = args.FirstOrDefault() ?? "all";
        int Arg(int index, int fallback) => args.Length > index && int.TryParse(args[index], out var v) ? v : fallback;
        Console.WriteLine($"machine: {Environment.ProcessorCount} cores, {DateTime.UtcNow:yyyy-MM-dd}");
        if (mode is "submissions" or "all")
        {
            Console.WriteLine(await SubmissionLoad.RunAsync(Arg(1, 1000), Arg(2, 8), images: 12_600, warmUp: Arg(3, SubmissionLoad.DefaultWarmUp)));
        }

        if (mode is "events")
        {
            Console.WriteLine(await EventLatency.RunAsync(Arg(1, 1000), args.Length > 2 ? args[2] : "127.0.0.1:56379"));
        }

        if (mode is "remote-submissions")
        {
            var target = ClusterTarget.Parse(args[1..]);
            var images = target.Number("images", 12_600);
            await using var scenario = await LoadScenario.OverAsync(target.Url, target.Settings, images, teams: 20, dailyLimit: 100_000);
            var serverPid = target.Number("server-pid", 0);
            var submissions = new SubmissionTarget(scenario.BaseUrl, scenario.Slug, scenario.CompetitionId, scenario.Teams, scenario.Submission, scenario.Services,
                serverPid > 0 ? serverPid : null);
            Console.WriteLine(await SubmissionLoad.RunAsync(submissions, target.Number("count", 1000), target.Number("concurrency", 8), images, target.Number("warmup", SubmissionLoad.DefaultWarmUp)));
        }

        if (mode is "page-latency")
        {
            Console.WriteLine(await PageUpdateLatency.RunAsync(ClusterTarget.Parse(args[1..])));
        }

        if (mode is "worker-throughput")
        {
            Console.WriteLine(await WorkerThroughput.RunAsync(ClusterTarget.Parse(args[1..])));
        }

        if (mode is "hidden-set-upload")
        {
            Console.WriteLine(await HiddenSetUpload.RunAsync(Arg(1, 12_600)));
        }

        if (mode is "worker-kill")
        {
            Console.WriteLine(await WorkerKill.RunAsync(Arg(1, 12_600)));
        }

        if (mode is "leaderboard" or "all")
        {
            Console.WriteLine(await LeaderboardLoad.RunAsync(teams: 100, submissions: 5_000, requests: Arg(1, 200)));
        }
    }
}
