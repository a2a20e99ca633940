namespace Portal.Cli.Output.Json;

/// <summary>One row of <see cref="BoardJson.Rows"/>; <see cref="ToRowAbove"/> is absent on the first row.</summary>
internal sealed record BoardRowJson(int Rank, string File, double MacroF1, double Lower, double Upper, int Tier, DifferenceJson? ToRowAbove);
