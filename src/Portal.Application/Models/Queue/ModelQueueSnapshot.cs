namespace Portal.Application.Models.Queue;

/// <summary>The model-run queue across competitions, in claim order (runs in progress first).</summary>
/// <param name="Entries">The runs.</param>
/// <param name="Slots">Model runs the workers run at once, as assumed for the forecast.</param>
/// <param name="Throughput">The speed the forecast assumes, from recent runs; null before any model has run here.</param>
public sealed record ModelQueueSnapshot(IReadOnlyList<ModelQueueEntry> Entries, int Slots, RunThroughput? Throughput);
