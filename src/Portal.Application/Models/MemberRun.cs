namespace Portal.Application.Models;

/// <summary>One model file of a run: its weight, each TTA view's own score and the score of its merged views.</summary>
public sealed record MemberRun(string Name, double Weight, IReadOnlyList<ViewScore> Views, F1Pair Merged)
{
    public MemberRun PublicOnly() => this with { Views = Views.Select(v => v with { F1 = v.F1.PublicOnly() }).ToList(), Merged = Merged.PublicOnly() };
}
