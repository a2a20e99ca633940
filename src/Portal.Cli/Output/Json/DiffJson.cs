using System.Text.Json.Serialization;

namespace Portal.Cli.Output.Json;

/// <summary>
/// The JSON document of <c>portal diff --json</c>; <see cref="Truth"/> only with <c>--truth</c>;
/// <see cref="Kappa"/> is written as <c>null</c> where it is undefined, with the reason beside it.
/// </summary>
internal sealed record DiffJson(
    double Agreement,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.Never)] double? Kappa,
    string? KappaUndefined,
    [property: JsonConverter(typeof(CompactRowsConverter))] long[][] Transition,
    IReadOnlyList<AttributeDisagreementJson> Attributes,
    long[] CountsA,
    long[] CountsB,
    DiffTruthJson? Truth);
