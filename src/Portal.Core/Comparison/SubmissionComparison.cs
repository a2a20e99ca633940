using Portal.Core.Competitions;
using Portal.Core.Scoring;

namespace Portal.Core.Comparison;

/// <summary>
/// Everything the Compare screen shows about two submissions: the label-free agreement over all
/// images, and, when the truth may be used, the judged comparison over the positions that may be judged.
/// </summary>
public sealed record SubmissionComparison(Agreement Agreement, JudgedComparison? Judged)
{
    /// <summary>Compares A and B without the truth.</summary>
    public static SubmissionComparison Compute(ReadOnlySpan<byte> a, ReadOnlySpan<byte> b, ClassTaxonomy taxonomy) =>
        new(PairComparer.Compare(a, b, taxonomy), null);

    /// <summary>
    /// Compares A and B over all images, and against <paramref name="truth"/> at <paramref name="judged"/>
    /// only (all images when null): a participant may be allowed the public split and nothing more.
    /// </summary>
    public static SubmissionComparison Compute(
        ReadOnlySpan<byte> a, ReadOnlySpan<byte> b, ClassTaxonomy taxonomy, ReadOnlySpan<byte> truth, int[]? judged,
        int resamples = 1000, ulong seed = 42)
    {
        ArgumentNullException.ThrowIfNull(taxonomy);
        var agreement = PairComparer.Compare(a, b, taxonomy);
        if (truth.Length != a.Length)
        {
            throw new ArgumentException("The truth must cover the same images as the submissions.", nameof(truth));
        }

        var t = Gather(truth, judged);
        var ja = Gather(a, judged);
        var jb = Gather(b, judged);
        var reportA = Scorer.Score(t, ja, taxonomy);
        var reportB = Scorer.Score(t, jb, taxonomy);
        var differences = reportA.PerClass.Zip(reportB.PerClass, (x, y) => new ClassF1Difference(x.Class, x.F1, y.F1, x.Support))
            .OrderByDescending(d => d.Difference).ThenBy(d => d.Class).ToList();
        var judgedComparison = new JudgedComparison(reportA, reportB, differences,
            McNemarTable.Compute(t, ja, jb),
            PairedBootstrap.MacroF1Difference(t, ja, jb, taxonomy.Count, resamples, seed));
        return new SubmissionComparison(agreement, judgedComparison);
    }

    /// <summary>The positions where A and B differ, in image order.</summary>
    public static int[] DifferingPositions(ReadOnlySpan<byte> a, ReadOnlySpan<byte> b)
    {
        if (a.Length != b.Length)
        {
            throw new ArgumentException("Both labellings must cover the same images.", nameof(b));
        }

        var positions = new List<int>();
        for (var i = 0; i < a.Length; i++)
        {
            if (a[i] != b[i])
            {
                positions.Add(i);
            }
        }

        return positions.ToArray();
    }

    private static byte[] Gather(ReadOnlySpan<byte> labels, int[]? positions)
    {
        if (positions is null)
        {
            return labels.ToArray();
        }

        var gathered = new byte[positions.Length];
        for (var i = 0; i < positions.Length; i++)
        {
            gathered[i] = labels[positions[i]];
        }

        return gathered;
    }
}
