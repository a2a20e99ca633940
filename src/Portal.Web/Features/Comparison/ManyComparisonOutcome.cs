namespace Portal.Web.Features.Comparison;

/// <summary>An N-way comparison, or a sentence saying why there is none.</summary>
public sealed record ManyComparisonOutcome(ManyComparisonView? View, string? Error)
{
    public static ManyComparisonOutcome Refused(string error) => new(null, error);

    public static ManyComparisonOutcome Ok(ManyComparisonView view) => new(view, null);
}
