using System.Text.Json.Serialization;

namespace Portal.Cli.Output.Json;

/// <summary>The McNemar table of A and B against the truth, with its exact p-value.</summary>
internal sealed record McNemarJson(
    long BothCorrect,
    [property: JsonPropertyName("onlyACorrect")] long OnlyACorrect,
    [property: JsonPropertyName("onlyBCorrect")] long OnlyBCorrect,
    long BothWrong,
    [property: JsonPropertyName("pValue")] double PValue);
