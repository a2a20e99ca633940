using System.Text.Json.Serialization;
using Portal.Application.Comparison;

namespace Portal.Web.Api;

/// <summary>
/// Several submissions compared (members and matrix in clustered order); <see cref="Judged"/> is null unless
/// the truth may be used, and then holds aggregates only: nothing per image.
/// </summary>
public sealed record ApiManyComparison(
    IReadOnlyList<ApiManyComparisonMember> Members,
    double[][] Disagreement,
    long Images,
    long Unanimous,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] ApiManyJudged? Judged,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] string? JudgedUnavailable)
{
    public static ApiManyComparison From(ManyComparisonView view)
    {
        ArgumentNullException.ThrowIfNull(view);
        return new ApiManyComparison(
            view.Members.Select(m => new ApiManyComparisonMember(ApiSubmission.From(m.Submission), m.HasProbabilities, m.Score)).ToList(),
            view.Disagreement,
            view.Images,
            view.Unanimous,
            view.OracleRate is double oracle ? new ApiManyJudged(view.JudgedScope ?? "", view.JudgedImages, oracle) : null,
            view.JudgedUnavailable);
    }
}

/// <summary>One member of an N-way comparison; its score over the judged scope only where the caller may see it.</summary>
public sealed record ApiManyComparisonMember(
    ApiSubmission Submission,
    bool HasProbabilities,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] double? Score);

/// <summary>The N-way comparison against the truth over <see cref="Scope"/>: the share of images at least one member gets right.</summary>
public sealed record ApiManyJudged(string Scope, long Images, double OracleRate);
