namespace Portal.Application.Trust;

/// <summary>The label audit of a competition, strongest consensus first, or why it is not shown.</summary>
/// <param name="Rows">Every suspect, strongest consensus and confidence first; empty when unavailable.</param>
/// <param name="Voters">The submissions that voted (the best of the public board's top teams).</param>
/// <param name="Images">The images audited (the whole hidden set).</param>
/// <param name="Unavailable">Why the audit is not shown to this viewer, or null.</param>
public sealed record LabelAuditView(IReadOnlyList<LabelAuditRow> Rows, int Voters, int Images, string? Unavailable = null)
{
    /// <summary>What the audit shows, in one sentence for the page.</summary>
    public const string Method =
        "Images where a strict majority of the strongest submissions (each top team's best public submission) agree on a label other than the truth: the label is the likelier mistake (confident learning, Northcutt et al. 2021).";
}
