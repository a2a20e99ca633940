namespace Portal.Cli.Output.Json;

/// <summary>The JSON document of <c>portal board --json</c>: the rows in rank order and the tier rule.</summary>
internal sealed record BoardJson(int Resamples, ulong Seed, double Confidence, int Tiers, string Rule, IReadOnlyList<BoardRowJson> Rows);
