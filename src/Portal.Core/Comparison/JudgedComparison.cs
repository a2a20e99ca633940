using Portal.Core.Scoring;

namespace Portal.Core.Comparison;

/// <summary>
/// How two submissions compare against the truth on the judged images: per-class F1 of both and
/// their difference (largest gain of B first), the McNemar table, the paired-bootstrap interval of
/// the macro F1 difference, and both confusion matrices with their difference.
/// </summary>
public sealed record JudgedComparison(
    ScoreReport A,
    ScoreReport B,
    IReadOnlyList<ClassF1Difference> ClassDifferences,
    McNemarTable McNemar,
    BootstrapInterval Bootstrap)
{
    /// <summary>The number of images judged.</summary>
    public long Count => A.Count;

    /// <summary>Confusion(B) - Confusion(A), row-major (rows truth, columns prediction).</summary>
    public long[] ConfusionDifference()
    {
        var a = A.Confusion.Counts;
        var b = B.Confusion.Counts;
        var difference = new long[a.Length];
        for (var i = 0; i < difference.Length; i++)
        {
            difference[i] = b[i] - a[i];
        }

        return difference;
    }
}
