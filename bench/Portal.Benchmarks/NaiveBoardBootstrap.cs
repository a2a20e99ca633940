using Portal.Core.Randomness;

namespace Portal.Benchmarks;

/// <summary>
/// Two plain ways to bootstrap a whole board, the baselines of <see cref="TrustBoardBenchmarks"/>: both draw the same
/// resamples as the portal and return each submission's per-class F1 sum per resample ([submission * R + r]).
/// </summary>
internal static class NaiveBoardBootstrap
{
    /// <summary>
    /// The first PairedBootstrap generalised to N: per resample, draw the M indices once, then count every submission's
    /// support, predictions and hits image by drawn image. O(R N M) random reads.
    /// </summary>
    public static double[] DrawnIndices(byte[] truth, byte[][] submissions, int classes, int resamples, ulong seed)
    {
        var n = truth.Length;
        var sums = new double[submissions.Length * resamples];
        Parallel.For(0, resamples, () => (Drawn: new int[n], Counts: new int[3 * classes]), (r, _, scratch) =>
        {
            var rng = DeterministicRandom.ForStream(seed, (ulong)r);
            for (var d = 0; d < n; d++)
            {
                scratch.Drawn[d] = rng.NextInt(n);
            }

            for (var s = 0; s < submissions.Length; s++)
            {
                var predictions = submissions[s];
                var counts = scratch.Counts;
                Array.Clear(counts);
                foreach (var i in scratch.Drawn)
                {
                    int t = truth[i], p = predictions[i];
                    counts[t]++;
                    counts[classes + p]++;
                    counts[2 * classes + t] += p == t ? 1 : 0;
                }

                sums[s * resamples + r] = ClassF1Sum(counts, classes);
            }

            return scratch;
        }, _ => { });
        return sums;
    }

    /// <summary>
    /// Per resample, the multinomial count vector w over the images once, then each submission's confusion counts as the
    /// sum of w over all images at (truth, prediction). O(R N M) sequential reads, one resample at a time.
    /// </summary>
    public static double[] WeightVector(byte[] truth, byte[][] submissions, int classes, int resamples, ulong seed)
    {
        var n = truth.Length;
        var sums = new double[submissions.Length * resamples];
        Parallel.For(0, resamples, () => (Weights: new int[n], Counts: new int[3 * classes]), (r, _, scratch) =>
        {
            var weights = scratch.Weights;
            Array.Clear(weights);
            var rng = DeterministicRandom.ForStream(seed, (ulong)r);
            for (var d = 0; d < n; d++)
            {
                weights[rng.NextInt(n)]++;
            }

            for (var s = 0; s < submissions.Length; s++)
            {
                var predictions = submissions[s];
                var counts = scratch.Counts;
                Array.Clear(counts);
                for (var i = 0; i < n; i++)
                {
                    int t = truth[i], p = predictions[i], w = weights[i];
                    counts[t] += w;
                    counts[classes + p] += w;
                    counts[2 * classes + t] += p == t ? w : 0;
                }

                sums[s * resamples + r] = ClassF1Sum(counts, classes);
            }

            return scratch;
        }, _ => { });
        return sums;
    }

    private static double ClassF1Sum(int[] counts, int classes)
    {
        double sum = 0;
        for (var k = 0; k < classes; k++)
        {
            var denominator = counts[k] + counts[classes + k];
            sum += denominator == 0 ? 0 : 2.0 * counts[2 * classes + k] / denominator;
        }

        return sum;
    }
}
