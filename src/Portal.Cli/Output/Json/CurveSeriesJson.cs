using System.Text.Json.Serialization;

namespace Portal.Cli.Output.Json;

/// <summary>
/// One series of <c>portal curves --json</c>: its run and tag, <see cref="Count"/> points, the last and best point
/// (best by <see cref="Direction"/>: "min" or "max"; absent when there is none) and every point as [step, value].
/// </summary>
internal sealed record CurveSeriesJson(
    string Run,
    string Tag,
    int Count,
    CurvePointJson? Last,
    CurvePointJson? Best,
    string Direction,
    [property: JsonConverter(typeof(CurvePointsConverter))] CurvePoints Points);
