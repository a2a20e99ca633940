using System.Text.Json.Serialization;

namespace Portal.Cli.Output.Json;

/// <summary>The JSON document of <c>portal diff --json</c>; <see cref="Truth"/> only with <c>--truth</c>.</summary>
internal sealed record DiffJson(
    double Agreement,
    double Kappa,
    [property: JsonConverter(typeof(CompactRowsConverter))] long[][] Transition,
    IReadOnlyList<AttributeDisagreementJson> Attributes,
    long[] CountsA,
    long[] CountsB,
    DiffTruthJson? Truth);
