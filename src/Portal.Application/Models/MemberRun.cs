namespace Portal.Application.Models;

/// <summary>
/// One model file of a run: its weight, each TTA view's own score, the score of its merged views, and the preprocessing it
/// ran with (<paramref name="Input"/>; null in records written before it was kept).
/// </summary>
public sealed record MemberRun(string Name, double Weight, IReadOnlyList<ViewScore> Views, F1Pair Merged, RunInput? Input = null)
{
    /// <summary>
    /// What <paramref name="view"/> gained over the identity view (its macro F1 minus the identity's, per split; a split
    /// either lacks is null), or null when the run has no identity view or this is it.
    /// </summary>
    public F1Gain? GainOf(ViewScore view)
    {
        ArgumentNullException.ThrowIfNull(view);
        var identity = Views.FirstOrDefault(v => v.View == IdentityView);
        if (identity is null || view.View == IdentityView)
        {
            return null;
        }

        return new F1Gain(view.F1.Public - identity.F1.Public,
            view.F1.Private is { } p && identity.F1.Private is { } q ? p - q : null);
    }

    /// <summary>The name of the untransformed view.</summary>
    public const string IdentityView = "identity";

    public MemberRun PublicOnly() => this with { Views = Views.Select(v => v with { F1 = v.F1.PublicOnly() }).ToList(), Merged = Merged.PublicOnly() };
}
