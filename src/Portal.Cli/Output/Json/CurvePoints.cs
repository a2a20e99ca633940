using Portal.TrainingRuns.Series;

namespace Portal.Cli.Output.Json;

/// <summary>
/// The points of a series for <see cref="CurvePointsConverter"/>. The series is behind methods, because the JSON
/// source generator walks a type's properties, fields and constructor parameters and cannot describe
/// <see cref="ScalarSeries"/>' spans.
/// </summary>
internal sealed class CurvePoints
{
    private readonly ScalarSeries _series;

    private CurvePoints(ScalarSeries series) => _series = series;

    public static CurvePoints Of(ScalarSeries series) => new(series);

    public ScalarSeries Series() => _series;
}
