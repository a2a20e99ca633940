namespace Portal.Application.Comparison;

/// <summary>A comparison, or why there is none: not found (or not the viewer's to see), or a sentence for the user.</summary>
public sealed record ComparisonOutcome(ComparisonView? View, bool NotFound, string? Error)
{
    public static ComparisonOutcome Missing { get; } = new(null, true, null);

    public static ComparisonOutcome Refused(string error) => new(null, false, error);

    public static ComparisonOutcome Ok(ComparisonView view) => new(view, false, null);
}
