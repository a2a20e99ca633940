using System.Text.Json.Serialization;

namespace Portal.Cli.Output.Json;

/// <summary>
/// Source-generated serializers for every document <c>portal</c> writes: no reflection at run
/// time, so start-up stays short and the tool stays trimmable.
/// </summary>
[JsonSourceGenerationOptions(
    PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase,
    WriteIndented = true,
    DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    NumberHandling = JsonNumberHandling.AllowNamedFloatingPointLiterals)]
[JsonSerializable(typeof(ScoreJson))]
[JsonSerializable(typeof(DiffJson))]
[JsonSerializable(typeof(SplitJson))]
[JsonSerializable(typeof(EnsembleJson))]
[JsonSerializable(typeof(IntervalJson))]
[JsonSerializable(typeof(AuditJson))]
[JsonSerializable(typeof(BoardJson))]
[JsonSerializable(typeof(CurvesJson))]
internal sealed partial class CliJsonContext : JsonSerializerContext;
