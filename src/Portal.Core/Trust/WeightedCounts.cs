using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;

namespace Portal.Core.Trust;

/// <summary>
/// A submission's per-class counts under <see cref="WeightBlock.Lanes"/> weightings of the images at once, and
/// the sum of its per-class F1 from them.
/// </summary>
/// <remarks>
/// With weights w over the images, class k's support is the weight of the images of class k, its hits are the
/// support less the weight of the images of class k the submission misses, and its predicted count is the hits
/// plus the weight of the images wrongly put in class k. So only the support (shared by every submission) and
/// the mistakes are summed: for a submission right on 70 % of the images, 30 % of the work of counting its
/// whole confusion matrix.
/// </remarks>
internal sealed class WeightedCounts
{
    private readonly Vector256<int>[] _support;
    private readonly Vector256<int>[] _missed;
    private readonly Vector256<int>[] _extra;

    public WeightedCounts(int classCount)
    {
        ClassCount = classCount;
        _support = new Vector256<int>[classCount * WeightBlock.VectorsPerRow];
        _missed = new Vector256<int>[classCount * WeightBlock.VectorsPerRow];
        _extra = new Vector256<int>[classCount * WeightBlock.VectorsPerRow];
    }

    /// <summary>The number of classes C.</summary>
    public int ClassCount { get; }

    /// <summary>The weighted support of each class per lane (<c>[class * Lanes + lane]</c>).</summary>
    public Span<int> Support => MemoryMarshal.Cast<Vector256<int>, int>(_support.AsSpan());

    /// <summary>The weight of the images of each true class the submission misses, per lane.</summary>
    public Span<int> Missed => MemoryMarshal.Cast<Vector256<int>, int>(_missed.AsSpan());

    /// <summary>The weight of the images wrongly predicted as each class, per lane.</summary>
    public Span<int> Extra => MemoryMarshal.Cast<Vector256<int>, int>(_extra.AsSpan());

    /// <summary>Sets the support from the block's weights and the images grouped by true class.</summary>
    public void CountSupport(WeightBlock block, ImageGroups byClass)
    {
        Array.Clear(_support);
        foreach (var group in byClass.Groups)
        {
            block.SumRows(byClass.ImagesOf(group), out var low, out var high);
            _support[group.Row * WeightBlock.VectorsPerRow] += low;
            _support[group.Row * WeightBlock.VectorsPerRow + 1] += high;
        }
    }

    /// <summary>Sets the missed and extra counts from the block's weights and one submission's mistakes.</summary>
    public void CountMistakes(WeightBlock block, ImageGroups mistakes)
    {
        Array.Clear(_missed);
        Array.Clear(_extra);
        foreach (var group in mistakes.Groups)
        {
            block.SumRows(mistakes.ImagesOf(group), out var low, out var high);
            var t = group.Row * WeightBlock.VectorsPerRow;
            var p = group.Column * WeightBlock.VectorsPerRow;
            _missed[t] += low;
            _missed[t + 1] += high;
            _extra[p] += low;
            _extra[p + 1] += high;
        }
    }

    /// <summary>
    /// The sum over classes 0..C-1 (in that order) of the F1 of each class in lane <paramref name="lane"/>: macro F1
    /// times C. Summed in class order so that it equals, bit for bit, the same sum from a confusion matrix.
    /// </summary>
    public double ClassF1Sum(int lane)
    {
        ReadOnlySpan<int> support = Support, missed = Missed, extra = Extra;
        double sum = 0;
        for (var k = 0; k < ClassCount; k++)
        {
            var at = k * WeightBlock.Lanes + lane;
            sum += ClassF1(support[at], missed[at], extra[at]);
        }

        return sum;
    }

    /// <summary>
    /// Like <see cref="ClassF1Sum"/> for the complement of lane <paramref name="lane"/>: the counts are the totals over
    /// all images (weight 1 each) less the lane's. With 0/1 weights marking one half of a split, the other half's sum.
    /// </summary>
    public double ComplementClassF1Sum(int lane, ReadOnlySpan<int> supportTotal, ReadOnlySpan<int> missedTotal, ReadOnlySpan<int> extraTotal)
    {
        ReadOnlySpan<int> support = Support, missed = Missed, extra = Extra;
        double sum = 0;
        for (var k = 0; k < ClassCount; k++)
        {
            var at = k * WeightBlock.Lanes + lane;
            sum += ClassF1(supportTotal[k] - support[at], missedTotal[k] - missed[at], extraTotal[k] - extra[at]);
        }

        return sum;
    }

    /// <summary>
    /// The F1 of one class from its support, the weight missed and the weight wrongly predicted as it, with zero
    /// division giving 0 (scikit-learn's f1_score with zero_division = 0): 2 hits / (support + predicted).
    /// </summary>
    public static double ClassF1(int support, int missed, int extra)
    {
        var hits = support - missed;
        var denominator = support + hits + extra;
        return denominator == 0 ? 0 : 2.0 * hits / denominator;
    }
}
