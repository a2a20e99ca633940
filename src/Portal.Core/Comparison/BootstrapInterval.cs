namespace Portal.Core.Comparison;

/// <summary>
/// A paired-bootstrap confidence interval of macro F1(B) - macro F1(A): the same resampled
/// images score both submissions, so the interval reflects the difference, not each one's noise.
/// </summary>
public sealed record BootstrapInterval(
    double ObservedDifference,
    double Lower,
    double Upper,
    double Confidence,
    int Resamples,
    ulong Seed,
    double FractionBBetter)
{
    /// <summary>Whether the interval excludes zero: the difference is beyond resampling noise.</summary>
    public bool BeyondNoise => Lower > 0 || Upper < 0;

    /// <summary>The verdict in plain words.</summary>
    public string Verdict => BeyondNoise
        ? (ObservedDifference > 0 ? "B is better than A beyond noise." : "A is better than B beyond noise.")
        : "The difference between A and B is within noise.";
}
