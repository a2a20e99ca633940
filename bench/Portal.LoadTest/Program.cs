namespace Portal.LoadTest;

/// <summary>
/// Bounded load on loopback only. Usage:
///   dotnet run -c Release --project bench/Portal.LoadTest -- submissions [count=1000] [concurrency=8]
///   dotnet run -c Release --project bench/Portal.LoadTest -- leaderboard [requests=200]
///   dotnet run -c Release --project bench/Portal.LoadTest -- worker-kill [images=12600]   (build src/Portal.Worker -c Release first)
///   dotnet run -c Release --project bench/Portal.LoadTest -- events [messages=1000] [redis=127.0.0.1:56379]   (bash tools/engines.sh up first)
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
            Console.WriteLine(await SubmissionLoad.RunAsync(Arg(1, 1000), Arg(2, 8), images: 12_600));
        }

        if (mode is "events")
        {
            Console.WriteLine(await EventLatency.RunAsync(Arg(1, 1000), args.Length > 2 ? args[2] : "127.0.0.1:56379"));
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
