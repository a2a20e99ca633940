using Portal.TrainingRuns.Series;

namespace Portal.Cli.Output;

/// <summary>How the best of a curve was chosen, as text and JSON say it.</summary>
internal static class CurveDirection
{
    /// <summary>"min" for losses and errors, "max" for the rest.</summary>
    public static string Name(MetricDirection direction) => direction == MetricDirection.Lower ? "min" : "max";
}
