namespace Portal.Core.Trust;

/// <summary>
/// The final-pick assistant's answer for one team: every scored submission as a candidate (in the order given), the
/// best one's index, the suggested finals in pick order, and the resampling that decided the ties.
/// </summary>
public sealed record FinalPickAdvice(
    int Best,
    IReadOnlyList<FinalCandidate> Candidates,
    IReadOnlyList<FinalPick> Suggested,
    int Resamples,
    ulong Seed,
    double Confidence)
{
    /// <summary>The candidates statistically tied with the best, the best excluded.</summary>
    public IEnumerable<FinalCandidate> Tied => Candidates.Where(c => c.TiedWithBest && c.Index != Best);
}
