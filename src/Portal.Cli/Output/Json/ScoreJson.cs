using System.Text.Json.Serialization;

namespace Portal.Cli.Output.Json;

/// <summary>The JSON document of <c>portal score --json</c>.</summary>
internal sealed record ScoreJson(
    double MacroF1,
    double WeightedF1,
    double Accuracy,
    IReadOnlyList<ClassScoreJson> PerClass,
    [property: JsonConverter(typeof(CompactRowsConverter))] long[][] Confusion,
    IReadOnlyList<AttributeScoreJson> Attributes,
    long Count);
