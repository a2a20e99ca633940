using System.Text.Json.Serialization;
using Portal.Application.Comparison;

namespace Portal.Web.Api;

/// <summary>
/// Two submissions compared, as the caller may see them; <see cref="Judged"/> is null unless the truth may be used.
/// <see cref="Kappa"/> is null where it is undefined, and <see cref="KappaUndefined"/> then says why (as <c>portal diff --json</c> does).
/// </summary>
public sealed record ApiComparison(
    ApiSubmission A,
    ApiSubmission B,
    IReadOnlyList<string> Classes,
    long Images,
    long Differing,
    double Agreement,
    double? Kappa,
    string? KappaUndefined,
    long[][] Transition,
    IReadOnlyList<ApiAttributeDisagreement> Attributes,
    long[] CountsA,
    long[] CountsB,
    ApiJudgedComparison? Judged,
    string? JudgedUnavailable,
    IReadOnlyList<ApiDifferingImage> Differences)
{
    public static ApiComparison From(ComparisonView view)
    {
        ArgumentNullException.ThrowIfNull(view);
        var agreement = view.Agreement;
        var c = view.ClassNames.Count;
        var judged = view.Judged is { } j
            ? new ApiJudgedComparison(view.JudgedScope ?? "", j.Count, j.A.MacroF1, j.B.MacroF1,
                j.ClassDifferences.Select(d => new ApiClassDifference(d.Class, view.ClassNames[d.Class], d.F1A, d.F1B, d.Difference, d.Support)).ToList(),
                new ApiMcNemar(j.McNemar.BothCorrect, j.McNemar.OnlyACorrect, j.McNemar.OnlyBCorrect, j.McNemar.BothWrong, j.McNemar.PValue),
                new ApiBootstrap(j.Bootstrap.ObservedDifference, j.Bootstrap.Lower, j.Bootstrap.Upper, j.Bootstrap.Confidence, j.Bootstrap.Resamples, j.Bootstrap.Seed, j.Bootstrap.BeyondNoise, j.Bootstrap.Verdict),
                Square(j.A.Confusion.Counts.ToArray(), c), Square(j.B.Confusion.Counts.ToArray(), c), Square(j.ConfusionDifference(), c))
            : null;
        return new ApiComparison(ApiSubmission.From(view.A), ApiSubmission.From(view.B), view.ClassNames, agreement.Count, agreement.Differing,
            agreement.Rate, agreement.Kappa, agreement.KappaUndefinedReason, Square(agreement.Transition.Counts.ToArray(), c),
            agreement.Attributes.Select(a => new ApiAttributeDisagreement(a.Name, a.Count, a.Rate)).ToList(),
            agreement.CountsA, agreement.CountsB, judged, view.JudgedUnavailable,
            view.Differences.Select(d => new ApiDifferingImage(d.ImageId, d.A, d.B, d.Flips, d.Truth)).ToList());
    }

    private static long[][] Square(long[] counts, int size) =>
        Enumerable.Range(0, size).Select(r => counts.AsSpan(r * size, size).ToArray()).ToArray();
}

/// <summary>How many images two submissions put on different values of one attribute.</summary>
public sealed record ApiAttributeDisagreement(string Name, long Count, double Rate);

/// <summary>One image the two submissions label differently, the attributes that flip; the truth only where the caller may see correctness.</summary>
public sealed record ApiDifferingImage(string ImageId, int A, int B, IReadOnlyList<string> Flips, [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] int? Truth);

/// <summary>The comparison against the truth over <see cref="Scope"/>.</summary>
public sealed record ApiJudgedComparison(
    string Scope,
    long Images,
    double MacroF1A,
    double MacroF1B,
    IReadOnlyList<ApiClassDifference> ClassDifferences,
    ApiMcNemar McNemar,
    ApiBootstrap Bootstrap,
    long[][] ConfusionA,
    long[][] ConfusionB,
    long[][] ConfusionDifference);

/// <summary>One class's F1 for A and B, and F1(B) - F1(A).</summary>
public sealed record ApiClassDifference(int Class, string Name, double F1A, double F1B, double Difference, long Support);

/// <summary>The McNemar quadrants and exact p-value.</summary>
public sealed record ApiMcNemar(long BothCorrect, long OnlyACorrect, long OnlyBCorrect, long BothWrong, double PValue);

/// <summary>The paired-bootstrap interval of macro F1(B) - macro F1(A), with its verdict in words.</summary>
public sealed record ApiBootstrap(double Observed, double Lower, double Upper, double Confidence, int Resamples, ulong Seed, bool BeyondNoise, string Verdict);
