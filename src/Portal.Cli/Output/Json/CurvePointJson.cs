namespace Portal.Cli.Output.Json;

/// <summary>One point of a curve: its step and value.</summary>
internal sealed record CurvePointJson(long Step, double Value);
