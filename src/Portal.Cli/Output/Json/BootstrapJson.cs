namespace Portal.Cli.Output.Json;

/// <summary>The paired-bootstrap interval of macro F1(B) - macro F1(A) and its verdict.</summary>
internal sealed record BootstrapJson(
    double ObservedDifference,
    double Lower,
    double Upper,
    double Confidence,
    int Resamples,
    ulong Seed,
    bool BeyondNoise,
    string Verdict);
