namespace Portal.Application.Models.Queue;

/// <summary>
/// When each model run of a queue starts and finishes, given how long each takes: the runs in progress hold their slots
/// for what they have left, and each waiting run, in claim order, takes the slot that frees first (list scheduling on
/// identical machines, as the workers claim).
/// </summary>
public static class QueueForecast
{
    /// <summary>
    /// Start and finish offsets from now, in seconds, of each waiting run (in the order given, which is claim order).
    /// </summary>
    /// <param name="slots">Model runs the workers run at once (at least 1).</param>
    /// <param name="runningLeft">Seconds each run in progress has left (at least 0).</param>
    /// <param name="waiting">Seconds each waiting run is expected to take, in claim order.</param>
    /// <returns>One (start, finish) pair per waiting run.</returns>
    public static IReadOnlyList<(double Start, double Finish)> Schedule(int slots, IReadOnlyList<double> runningLeft, IReadOnlyList<double> waiting)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(slots, 1);
        ArgumentNullException.ThrowIfNull(runningLeft);
        ArgumentNullException.ThrowIfNull(waiting);
        var free = new PriorityQueue<int, double>();
        var busy = runningLeft.Select(left => Math.Max(0, left)).ToList();
        // More runs in progress than slots means more slots than assumed (another worker): each holds one.
        for (var slot = 0; slot < Math.Max(slots, busy.Count); slot++)
        {
            free.Enqueue(slot, slot < busy.Count ? busy[slot] : 0);
        }

        var schedule = new List<(double, double)>(waiting.Count);
        foreach (var seconds in waiting)
        {
            free.TryDequeue(out var slot, out var at);
            var finish = at + Math.Max(0, seconds);
            schedule.Add((at, finish));
            free.Enqueue(slot, finish);
        }

        return schedule;
    }
}
