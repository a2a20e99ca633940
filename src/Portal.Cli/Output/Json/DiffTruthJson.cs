using System.Text.Json.Serialization;

namespace Portal.Cli.Output.Json;

/// <summary>The part of <see cref="DiffJson"/> that needs the truth.</summary>
internal sealed record DiffTruthJson(
    [property: JsonPropertyName("macroF1A")] double MacroF1A,
    [property: JsonPropertyName("macroF1B")] double MacroF1B,
    IReadOnlyList<ClassF1DifferenceJson> PerClass,
    [property: JsonPropertyName("mcnemar")] McNemarJson McNemar,
    BootstrapJson Bootstrap);
