using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;

namespace Portal.Core.Trust;

/// <summary>
/// The weights of <see cref="Lanes"/> replicates (bootstrap resamples or half splits) side by side for each
/// image, and the hot loop of every resampling in this folder: one vector load of image i's row serves all
/// sixteen replicates, and a submission's counts under all of them are sums over its mistakes only
/// (see <see cref="WeightedCounts"/>). Memory: 64 bytes per image.
/// </summary>
internal sealed class WeightBlock
{
    /// <summary>Replicates per block.</summary>
    public const int Lanes = 16;

    /// <summary>Vectors per image row (a <see cref="Vector256{T}"/> holds eight ints).</summary>
    public const int VectorsPerRow = Lanes / 8;

    private readonly Vector256<int>[] _rows;

    /// <summary>A block of zero weights over <paramref name="images"/> images.</summary>
    public WeightBlock(int images)
    {
        Images = images;
        _rows = new Vector256<int>[images * VectorsPerRow];
    }

    /// <summary>The number of images M.</summary>
    public int Images { get; }

    /// <summary>The weights, row-major: the weight of image i in lane j is at <c>i * Lanes + j</c>.</summary>
    public Span<int> Weights => MemoryMarshal.Cast<Vector256<int>, int>(_rows.AsSpan());

    /// <summary>Sets every weight to zero.</summary>
    public void Clear() => Array.Clear(_rows);

    /// <summary>
    /// Adds each image's row to the row of its class in <paramref name="totals"/> (<c>[class * VectorsPerRow + v]</c>):
    /// with the truth, the weighted support of every class in every lane.
    /// </summary>
    public void AddByClass(ReadOnlySpan<byte> labels, Span<Vector256<int>> totals)
    {
        var rows = _rows.AsSpan();
        for (var i = 0; i < labels.Length; i++)
        {
            var at = labels[i] * VectorsPerRow;
            totals[at] += rows[i * VectorsPerRow];
            totals[at + 1] += rows[i * VectorsPerRow + 1];
        }
    }

    /// <summary>
    /// Adds each mistake's row to <paramref name="missed"/> at its true class and to <paramref name="extra"/> at its
    /// predicted class (both <c>[class * VectorsPerRow + v]</c>).
    /// </summary>
    public void AddMistakes(ReadOnlySpan<Mistake> mistakes, Span<Vector256<int>> missed, Span<Vector256<int>> extra)
    {
        var rows = _rows.AsSpan();
        foreach (var m in mistakes)
        {
            var row = m.Image * VectorsPerRow;
            var low = rows[row];
            var high = rows[row + 1];
            var t = m.Truth * VectorsPerRow;
            var p = m.Predicted * VectorsPerRow;
            missed[t] += low;
            missed[t + 1] += high;
            extra[p] += low;
            extra[p + 1] += high;
        }
    }
}
