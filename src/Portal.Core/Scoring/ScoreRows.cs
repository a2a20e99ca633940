namespace Portal.Core.Scoring;

/// <summary>
/// Rows of class scores (row-major <c>[rows, width]</c>) as a model gives them: logits or probabilities. A model's output
/// is softmaxed unless every row is already a distribution (non-negative, summing to 1 within 1e-3).
/// </summary>
public static class ScoreRows
{
    /// <summary>How far a row's sum may be from 1 and still count as a distribution.</summary>
    public const float DistributionTolerance = 1e-3f;

    /// <summary>Whether every row of <paramref name="scores"/> (rows of <paramref name="width"/>) is non-negative and sums to 1 within 1e-3.</summary>
    public static bool AreDistributions(ReadOnlySpan<float> scores, int width)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(width, 1);
        for (var start = 0; start + width <= scores.Length; start += width)
        {
            double sum = 0;
            foreach (var p in scores.Slice(start, width))
            {
                if (!(p >= 0))
                {
                    return false;
                }

                sum += p;
            }

            if (Math.Abs(sum - 1) > DistributionTolerance)
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>Replaces logits by their softmax, in place (shifted by the maximum, so it cannot overflow).</summary>
    public static void Softmax(Span<float> row)
    {
        var max = float.NegativeInfinity;
        foreach (var v in row)
        {
            max = Math.Max(max, v);
        }

        double sum = 0;
        for (var i = 0; i < row.Length; i++)
        {
            var e = Math.Exp(row[i] - max);
            row[i] = (float)e;
            sum += e;
        }

        for (var i = 0; i < row.Length; i++)
        {
            row[i] = (float)(row[i] / sum);
        }
    }

    /// <summary>Makes <paramref name="scores"/> probabilities in place: each row softmaxed, unless every row already is a distribution.</summary>
    public static void ToProbabilities(Span<float> scores, int width)
    {
        if (AreDistributions(scores, width))
        {
            return;
        }

        for (var start = 0; start + width <= scores.Length; start += width)
        {
            Softmax(scores.Slice(start, width));
        }
    }
}
