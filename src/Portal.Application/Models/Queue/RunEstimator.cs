using Portal.Inference.Tta;

namespace Portal.Application.Models.Queue;

/// <summary>How long a model run would take on this server, from its recent speed and the competition's image count.</summary>
/// <param name="Throughput">The recent speed.</param>
/// <param name="Images">The competition's hidden images.</param>
public sealed record RunEstimator(RunThroughput Throughput, int Images)
{
    /// <summary>The expected length of a run of <paramref name="members"/> models with <paramref name="settings"/>; null for settings that cannot run.</summary>
    public TimeSpan? Estimate(ModelRunSettings settings, int members) =>
        Work(settings, members, Images) is { } work ? TimeSpan.FromSeconds(Throughput.Seconds(work)) : null;

    /// <summary>
    /// A run's work in input pixels: <paramref name="images"/> x models x TTA views x width x height; null for settings
    /// whose TTA cannot run at their size.
    /// </summary>
    public static double? Work(ModelRunSettings settings, int members, int images)
    {
        ArgumentNullException.ThrowIfNull(settings);
        return TtaPlan.TryGetViews(settings.Tta, settings.Width, settings.Height, out var views, out _)
            ? (double)images * Math.Max(1, members) * views.Count * settings.Width * settings.Height
            : null;
    }
}
