using System.Text.Json.Serialization;

namespace Portal.Cli.Output.Json;

/// <summary>
/// The JSON document of <c>portal curves --json</c>: every series (ordered by run, then tag) and the hyperparameters
/// of the runs that recorded them (run → name → value).
/// </summary>
internal sealed record CurvesJson(int Files, IReadOnlyList<CurveSeriesJson> Series, [property: JsonPropertyName("hparams")] IReadOnlyDictionary<string, IReadOnlyDictionary<string, string>> HParams);
