namespace Portal.Core.Scoring;

/// <summary>The values at some positions of a per-image array: one split's labels or predictions (public or private).</summary>
public static class PositionSubset
{
    /// <summary>A new array of <c>all[positions[i]]</c>, in the order of <paramref name="positions"/>.</summary>
    /// <exception cref="IndexOutOfRangeException">A position is outside <paramref name="all"/>.</exception>
    public static byte[] Of(ReadOnlySpan<byte> all, int[] positions)
    {
        ArgumentNullException.ThrowIfNull(positions);
        var subset = new byte[positions.Length];
        for (var i = 0; i < positions.Length; i++)
        {
            subset[i] = all[positions[i]];
        }

        return subset;
    }
}
