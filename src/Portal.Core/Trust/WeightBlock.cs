using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;

namespace Portal.Core.Trust;

/// <summary>
/// The weights of <see cref="Lanes"/> replicates (bootstrap resamples or half splits) side by side for each
/// image, and the hot loop of every resampling in this folder: one vector load of image i's row serves all
/// sixteen replicates, and a submission's counts under all of them are sums over its mistakes only
/// (see <see cref="WeightedCounts"/>), summed group by group (<see cref="ImageGroups"/>). Memory: 64 bytes per image.
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

    /// <summary>The sum of the rows of <paramref name="images"/>: lanes 0-7 in <paramref name="low"/>, 8-15 in <paramref name="high"/>.</summary>
    public void SumRows(ReadOnlySpan<int> images, out Vector256<int> low, out Vector256<int> high)
    {
        var rows = _rows.AsSpan();
        var sumLow = Vector256<int>.Zero;
        var sumHigh = Vector256<int>.Zero;
        foreach (var image in images)
        {
            sumLow += rows[image * VectorsPerRow];
            sumHigh += rows[image * VectorsPerRow + 1];
        }

        low = sumLow;
        high = sumHigh;
    }
}
