namespace Portal.Cli.Output.Json;

/// <summary>The JSON document of <c>portal interval --json</c>: macro F1 and its percentile bootstrap interval.</summary>
internal sealed record IntervalJson(double MacroF1, double Lower, double Upper, double Confidence, int Resamples, ulong Seed, int Images);
