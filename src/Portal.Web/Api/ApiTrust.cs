using System.Text.Json;
using Portal.Application.Trust;

namespace Portal.Web.Api;

/// <summary>One submission's validation gap in the API: public macro F1 with its 95% interval, the team's validation value and range, and the verdict.</summary>
public sealed record ApiValidationGapRow(
    int SubmissionId, string Description, DateTime CreatedAtUtc, double PublicF1, double PublicLower, double PublicUpper,
    double ValidationF1, double ValidationLower, double ValidationUpper, int Folds, double Gap, double Tolerance, double? Ratio, string Verdict, string Message);

/// <summary>The caller's team's validation gap: the submissions that carry validation numbers, oldest first.</summary>
public sealed record ApiValidationGap(int Resamples, ulong Seed, IReadOnlyList<ApiValidationGapRow> Rows)
{
    public static ApiValidationGap From(ValidationGapReport report)
    {
        ArgumentNullException.ThrowIfNull(report);
        return new(report.Resamples, report.Seed, report.Rows.Select(r => new ApiValidationGapRow(r.SubmissionId, r.Description, r.CreatedAtUtc,
            r.PublicF1, r.PublicLower, r.PublicUpper, r.Validation, r.ValidationLower, r.ValidationUpper, r.Folds, r.Gap, r.Tolerance,
            // JSON has no infinity: a gap with no noise at all has no ratio.
            double.IsFinite(r.Ratio) ? r.Ratio : null, ApiTrustNames.Name(r.Verdict), r.Message)).ToList());
    }
}

/// <summary>One of the team's submissions as a final: its public macro F1 and the 95% paired interval of best minus it (null for the best).</summary>
public sealed record ApiFinalCandidate(
    int SubmissionId, string Description, DateTime CreatedAtUtc, double PublicF1, bool Best, double? BestMinusLower, double? BestMinusUpper,
    bool TiedWithBest, double Disagreement, bool IsFinal);

/// <summary>A suggested final and why.</summary>
public sealed record ApiFinalSuggestion(int SubmissionId, string Reason, double DisagreementWithPicks, string Why);

/// <summary>The final-pick assistant for the caller's team.</summary>
public sealed record ApiFinalPicks(int Resamples, ulong Seed, string Rule, IReadOnlyList<ApiFinalCandidate> Candidates, IReadOnlyList<ApiFinalSuggestion> Suggested)
{
    public static ApiFinalPicks From(FinalPickReport report)
    {
        ArgumentNullException.ThrowIfNull(report);
        return new(report.Resamples, report.Seed, FinalPickReport.Rule,
            report.Candidates.Select(c => new ApiFinalCandidate(c.SubmissionId, c.Description, c.CreatedAtUtc, c.PublicF1, c.IsBest,
                c.BestMinusLower, c.BestMinusUpper, c.TiedWithBest, c.Disagreement, c.IsFinal)).ToList(),
            report.Suggested.Select(s => new ApiFinalSuggestion(s.SubmissionId, ApiTrustNames.Name(s.Reason), s.DisagreementWithPicks, s.Why)).ToList());
    }
}

/// <summary>Enum values as the API writes them: kebab case ("within-noise", "tied-and-most-different").</summary>
internal static class ApiTrustNames
{
    public static string Name<T>(T value) where T : struct, Enum => JsonNamingPolicy.KebabCaseLower.ConvertName(value.ToString());
}
