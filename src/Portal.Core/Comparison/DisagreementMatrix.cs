using System.Numerics;
using System.Runtime.Intrinsics;

namespace Portal.Core.Comparison;

/// <summary>The fraction of images on which each pair of N submissions disagrees (symmetric, zero diagonal).</summary>
public sealed class DisagreementMatrix
{
    private readonly long[] _counts;

    private DisagreementMatrix(int size, long imageCount, long[] counts)
    {
        Size = size;
        ImageCount = imageCount;
        _counts = counts;
    }

    /// <summary>Counts disagreements for every pair, vectorised over images.</summary>
    public static DisagreementMatrix Compute(IReadOnlyList<ReadOnlyMemory<byte>> submissions)
    {
        ArgumentNullException.ThrowIfNull(submissions);
        var n = submissions.Count;
        var length = n == 0 ? 0 : submissions[0].Length;
        if (submissions.Any(s => s.Length != length))
        {
            throw new ArgumentException("All submissions must cover the same images.", nameof(submissions));
        }

        var counts = new long[n * n];
        Parallel.For(0, n, i =>
        {
            var a = submissions[i].Span;
            for (var j = i + 1; j < n; j++)
            {
                var differing = CountDifferences(a, submissions[j].Span);
                counts[i * n + j] = differing;
                counts[j * n + i] = differing;
            }
        });
        return new DisagreementMatrix(n, length, counts);
    }

    /// <summary>The number of submissions N.</summary>
    public int Size { get; }

    /// <summary>The number of images each pair was compared on.</summary>
    public long ImageCount { get; }

    /// <summary>How many images submissions <paramref name="i"/> and <paramref name="j"/> label differently.</summary>
    public long Count(int i, int j) => _counts[i * Size + j];

    /// <summary>The fraction of images submissions <paramref name="i"/> and <paramref name="j"/> label differently.</summary>
    public double Rate(int i, int j) => ImageCount == 0 ? 0 : (double)_counts[i * Size + j] / ImageCount;

    /// <summary>The number of images on which every submission gives the same label (no truth needed).</summary>
    public static long CountUnanimous(IReadOnlyList<ReadOnlyMemory<byte>> submissions)
    {
        ArgumentNullException.ThrowIfNull(submissions);
        if (submissions.Count == 0)
        {
            return 0;
        }

        var length = submissions[0].Length;
        if (submissions.Any(s => s.Length != length))
        {
            throw new ArgumentException("All submissions must cover the same images.", nameof(submissions));
        }

        // 0xFF where every member so far agrees with the first; vectorised like the pairwise counts.
        var first = submissions[0].Span;
        var same = new byte[length];
        Array.Fill(same, byte.MaxValue);
        var width = Vector<byte>.Count;
        for (var m = 1; m < submissions.Count; m++)
        {
            var labels = submissions[m].Span;
            var i = 0;
            for (; i <= length - width; i += width)
            {
                var equal = Vector.Equals(new Vector<byte>(first.Slice(i, width)), new Vector<byte>(labels.Slice(i, width)));
                (new Vector<byte>(same.AsSpan(i, width)) & equal).CopyTo(same.AsSpan(i, width));
            }

            for (; i < length; i++)
            {
                same[i] &= labels[i] == first[i] ? byte.MaxValue : (byte)0;
            }
        }

        return length - System.MemoryExtensions.Count(same.AsSpan(), (byte)0);
    }

    /// <summary>The number of positions where <paramref name="a"/> and <paramref name="b"/> differ.</summary>
    public static long CountDifferences(ReadOnlySpan<byte> a, ReadOnlySpan<byte> b)
    {
        if (a.Length != b.Length)
        {
            throw new ArgumentException("Both labellings must cover the same images.", nameof(b));
        }

        long equal = 0;
        var i = 0;
        if (Vector256.IsHardwareAccelerated)
        {
            for (; i <= a.Length - Vector256<byte>.Count; i += Vector256<byte>.Count)
            {
                var same = Vector256.Equals(Vector256.Create(a.Slice(i, Vector256<byte>.Count)), Vector256.Create(b.Slice(i, Vector256<byte>.Count)));
                equal += BitOperations.PopCount(same.ExtractMostSignificantBits());
            }
        }
        else if (Vector128.IsHardwareAccelerated)
        {
            for (; i <= a.Length - Vector128<byte>.Count; i += Vector128<byte>.Count)
            {
                var same = Vector128.Equals(Vector128.Create(a.Slice(i, Vector128<byte>.Count)), Vector128.Create(b.Slice(i, Vector128<byte>.Count)));
                equal += BitOperations.PopCount(same.ExtractMostSignificantBits());
            }
        }

        for (; i < a.Length; i++)
        {
            equal += a[i] == b[i] ? 1 : 0;
        }

        return a.Length - equal;
    }
}
