namespace Portal.Application.Models;

/// <summary>
/// What a model run found beyond its score: each member's views and merged score, and the soft-voted ensemble of the
/// members (the submission's own score), so the Submissions page can show what TTA and the ensemble gained.
/// </summary>
public sealed record ModelRunDetails(string Tta, string Merge, IReadOnlyList<MemberRun> Members, F1Pair Ensemble, string Provider)
{
    /// <summary>The same without any private-split number (for teams while the competition runs).</summary>
    public ModelRunDetails PublicOnly() => this with { Members = Members.Select(m => m.PublicOnly()).ToList(), Ensemble = Ensemble.PublicOnly() };
}
