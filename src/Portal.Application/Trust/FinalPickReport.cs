namespace Portal.Application.Trust;

/// <summary>The final-pick assistant's answer for a team, or why it is not shown.</summary>
/// <param name="Candidates">Every scored submission, best public score first.</param>
/// <param name="Suggested">The suggested finals in pick order (as many as the competition takes).</param>
/// <param name="Resamples">Bootstrap resamples (Compare's).</param>
/// <param name="Seed">Bootstrap seed (Compare's).</param>
/// <param name="Unavailable">Why the viewer sees no advice (no team, or the finals are fixed), or null.</param>
/// <param name="FinalsFixed">Whether the advice is unavailable because the selection deadline (the close) has passed.</param>
public sealed record FinalPickReport(
    IReadOnlyList<FinalPickCandidateRow> Candidates,
    IReadOnlyList<FinalPickSuggestion> Suggested,
    int Resamples,
    ulong Seed,
    string? Unavailable = null,
    bool FinalsFixed = false)
{
    /// <summary>What "tied" means here, in one sentence.</summary>
    public const string Rule =
        "Tied: the 95% paired-bootstrap interval of the difference to your best public submission (the same as Compare) contains 0, so the public split cannot tell them apart.";
}
