using System.Text.Json.Serialization;

namespace Portal.Cli.Output.Json;

/// <summary>One class's F1 in A and B and the difference F1(B) - F1(A).</summary>
internal sealed record ClassF1DifferenceJson(
    int Class,
    [property: JsonPropertyName("f1A")] double F1A,
    [property: JsonPropertyName("f1B")] double F1B,
    double Difference);
