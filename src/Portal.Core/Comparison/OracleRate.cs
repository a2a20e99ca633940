namespace Portal.Core.Comparison;

/// <summary>The share of images at least one of several submissions gets right: the ceiling of any selection among them.</summary>
public static class OracleRate
{
    /// <summary>
    /// The number of images among <paramref name="positions"/> (all images when null) that at least one of
    /// <paramref name="submissions"/> labels as <paramref name="truth"/> does.
    /// </summary>
    public static long CountCovered(IReadOnlyList<ReadOnlyMemory<byte>> submissions, ReadOnlySpan<byte> truth, int[]? positions = null)
    {
        ArgumentNullException.ThrowIfNull(submissions);
        var length = truth.Length;
        if (submissions.Any(s => s.Length != length))
        {
            throw new ArgumentException("Every submission must cover the same images as the truth.", nameof(submissions));
        }

        var covered = new bool[truth.Length];
        foreach (var submission in submissions)
        {
            var labels = submission.Span;
            for (var i = 0; i < labels.Length; i++)
            {
                covered[i] |= labels[i] == truth[i];
            }
        }

        if (positions is null)
        {
            return covered.LongCount(c => c);
        }

        long count = 0;
        foreach (var p in positions)
        {
            count += covered[p] ? 1 : 0;
        }

        return count;
    }

    /// <summary>The share (0 to 1) of images at least one submission gets right; 0 when there are no images.</summary>
    public static double Compute(IReadOnlyList<ReadOnlyMemory<byte>> submissions, ReadOnlySpan<byte> truth, int[]? positions = null)
    {
        var total = positions?.Length ?? truth.Length;
        return total == 0 ? 0 : (double)CountCovered(submissions, truth, positions) / total;
    }
}
