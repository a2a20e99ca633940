namespace Portal.Application.Models.Queue;

/// <summary>
/// How fast model runs went here lately: input pixels through the models per second, counting every image once per model
/// and per TTA view (a run's work is images x models x views x width x height).
/// </summary>
/// <param name="PixelsPerSecond">Work per second over the recent runs together.</param>
/// <param name="Runs">How many recent runs it is measured on.</param>
/// <param name="Provider">Where the latest of them ran ("CPU", "CUDA").</param>
public sealed record RunThroughput(double PixelsPerSecond, int Runs, string Provider)
{
    /// <summary>The seconds <paramref name="work"/> pixels take at this speed.</summary>
    public double Seconds(double work) => work / PixelsPerSecond;
}
