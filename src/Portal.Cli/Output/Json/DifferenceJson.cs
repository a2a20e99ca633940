namespace Portal.Cli.Output.Json;

/// <summary>The paired interval of macro F1(row above) - macro F1(row), and whether it excludes 0.</summary>
internal sealed record DifferenceJson(double ObservedDifference, double Lower, double Upper, bool BeyondNoise);
