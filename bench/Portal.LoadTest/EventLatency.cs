using System.Diagnostics;
using Microsoft.Extensions.Logging.Abstractions;
using Portal.Application.Events;
using Portal.Application.Leaderboards;

namespace Portal.LoadTest;

/// <summary>
/// Latency of a portal event from <see cref="IPortalEvents.Publish{TMessage}"/> to a subscriber's handler: within one
/// process (<see cref="InProcessPortalEvents"/>, the baseline) and from one <see cref="RedisPortalEvents"/> to another on
/// its own connection (two processes' view of one Redis), in the same run. Two loads each: one message at a time (the
/// next published when the last arrived: the latency a page sees) and a burst of all of them at once (queueing included).
/// </summary>
internal static class EventLatency
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(60);

    public static async Task<string> RunAsync(int messages, string redis)
    {
        var local = new InProcessPortalEvents(NullLogger<InProcessPortalEvents>.Instance);
        // Its own channel prefix: nothing else on that Redis hears the benchmark, nor it them.
        var configuration = $"{redis},channelPrefix=bench-{Guid.NewGuid():N}:";
        using var publisher = new RedisPortalEvents(configuration, NullLoggerFactory.Instance);
        using var subscriber = new RedisPortalEvents(configuration, NullLoggerFactory.Instance);
        await WarmUpAsync(publisher, subscriber);
        await WarmUpAsync(local, local);

        var lines = new List<string>
        {
            $"events: {messages} BoardChanged messages each; load average before: {LoadAverage()}",
            "| path | load | p50 ms | p95 ms | p99 ms | max ms | all delivered in ms |",
            "|---|---|---:|---:|---:|---:|---:|",
        };
        foreach (var (name, from, to) in new[] { ("in-process", (IPortalEvents)local, (IPortalEvents)local), ("Redis, across connections", publisher, subscriber) })
        {
            lines.Add(Row(name, "one at a time", await OneAtATimeAsync(from, to, messages)));
            lines.Add(Row(name, "burst", await BurstAsync(from, to, messages)));
        }

        lines.Add($"load average after: {LoadAverage()}");
        return string.Join(Environment.NewLine, lines);
    }

    private static async Task<(double[] Latencies, double Total)> OneAtATimeAsync(IPortalEvents from, IPortalEvents to, int messages)
    {
        var latencies = new double[messages];
        var arrived = new TaskCompletionSource<long>(TaskCreationOptions.RunContinuationsAsynchronously);
        using var subscription = to.Subscribe<BoardChanged>(change =>
        {
            if (change.CompetitionId >= 0)
            {
                Volatile.Read(ref arrived).TrySetResult(Stopwatch.GetTimestamp());
            }

            return Task.CompletedTask;
        });
        var total = Stopwatch.StartNew();
        for (var i = 0; i < messages; i++)
        {
            var sent = Stopwatch.GetTimestamp();
            from.Publish(new BoardChanged(i));
            var at = await arrived.Task.WaitAsync(Timeout);
            latencies[i] = Stopwatch.GetElapsedTime(sent, at).TotalMilliseconds;
            Volatile.Write(ref arrived, new TaskCompletionSource<long>(TaskCreationOptions.RunContinuationsAsynchronously));
        }

        return (latencies, total.Elapsed.TotalMilliseconds);
    }

    private static async Task<(double[] Latencies, double Total)> BurstAsync(IPortalEvents from, IPortalEvents to, int messages)
    {
        var sent = new long[messages];
        var latencies = new double[messages];
        var count = 0;
        var all = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        using var subscription = to.Subscribe<BoardChanged>(change =>
        {
            if (change.CompetitionId >= 0)
            {
                latencies[change.CompetitionId] = Stopwatch.GetElapsedTime(Volatile.Read(ref sent[change.CompetitionId])).TotalMilliseconds;
                if (++count == messages)
                {
                    all.TrySetResult();
                }
            }

            return Task.CompletedTask;
        });
        var total = Stopwatch.StartNew();
        for (var i = 0; i < messages; i++)
        {
            Volatile.Write(ref sent[i], Stopwatch.GetTimestamp());
            from.Publish(new BoardChanged(i));
        }

        await all.Task.WaitAsync(Timeout);
        return (latencies, total.Elapsed.TotalMilliseconds);
    }

    // Until a message crosses: the subscriber's Redis subscription is made in the background.
    private static async Task WarmUpAsync(IPortalEvents from, IPortalEvents to)
    {
        var heard = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        using var subscription = to.Subscribe<BoardChanged>(_ =>
        {
            heard.TrySetResult();
            return Task.CompletedTask;
        });
        var clock = Stopwatch.StartNew();
        while (!heard.Task.IsCompleted)
        {
            from.Publish(new BoardChanged(-1));
            await Task.WhenAny(heard.Task, Task.Delay(100));
            if (clock.Elapsed > Timeout)
            {
                throw new TimeoutException("No message crossed Redis: is it running? (bash tools/engines.sh up)");
            }
        }
    }

    private static string Row(string name, string load, (double[] Latencies, double Total) run) =>
        $"| {name} | {load} | {Percentiles.Of(run.Latencies, 0.50):F3} | {Percentiles.Of(run.Latencies, 0.95):F3} | " +
        $"{Percentiles.Of(run.Latencies, 0.99):F3} | {run.Latencies.Max():F3} | {run.Total:F1} |";

    private static string LoadAverage() =>
        File.Exists("/proc/loadavg") ? string.Join(' ', File.ReadAllText("/proc/loadavg").Split(' ').Take(3)) : "n/a";
}
