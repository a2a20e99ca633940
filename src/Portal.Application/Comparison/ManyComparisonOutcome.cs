namespace Portal.Application.Comparison;

/// <summary>An N-way comparison, or a sentence saying why there is none (<see cref="NotFound"/>: a submission is not the viewer's to see).</summary>
public sealed record ManyComparisonOutcome(ManyComparisonView? View, string? Error, bool NotFound = false)
{
    public static ManyComparisonOutcome Refused(string error, bool notFound = false) => new(null, error, notFound);

    public static ManyComparisonOutcome Ok(ManyComparisonView view) => new(view, null);
}
