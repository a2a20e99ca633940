using Portal.Core.Randomness;
using Portal.Core.Scoring;

namespace Portal.Core.Comparison;

/// <summary>
/// Seeded paired bootstrap of the macro F1 difference between two submissions. Resample r draws
/// from its own random stream of the seed, so results do not depend on how many threads run it.
/// </summary>
public static class PairedBootstrap
{
    /// <summary>The percentile interval of macro F1(B) - macro F1(A) over <paramref name="resamples"/> resamples.</summary>
    public static BootstrapInterval MacroF1Difference(
        ReadOnlySpan<byte> truth, ReadOnlySpan<byte> a, ReadOnlySpan<byte> b, int classCount,
        int resamples = 1000, ulong seed = 42, double confidence = 0.95)
    {
        if (truth.Length != a.Length || truth.Length != b.Length)
        {
            throw new ArgumentException("All three labellings must cover the same images.", nameof(b));
        }

        ArgumentOutOfRangeException.ThrowIfLessThan(resamples, 1);
        if (!(confidence > 0 && confidence < 1))
        {
            throw new ArgumentOutOfRangeException(nameof(confidence), "Confidence must be between 0 and 1.");
        }

        var observed = ClassificationMetrics.MacroF1(ConfusionMatrix.Compute(truth, b, classCount)) -
                       ClassificationMetrics.MacroF1(ConfusionMatrix.Compute(truth, a, classCount));
        var differences = new double[resamples];
        if (truth.Length > 0)
        {
            // One byte array per image, laid out for the hot loop: truth, A, B side by side.
            var triples = new byte[truth.Length * 3];
            for (var i = 0; i < truth.Length; i++)
            {
                triples[3 * i] = truth[i];
                triples[3 * i + 1] = a[i];
                triples[3 * i + 2] = b[i];
            }

            Parallel.For(0, resamples, () => new Counts(classCount), (r, _, counts) =>
            {
                differences[r] = counts.Resample(triples, DeterministicRandom.ForStream(seed, (ulong)r));
                return counts;
            }, _ => { });
        }

        var betterB = differences.Count(d => d > 0);
        Array.Sort(differences);
        var tail = (1 - confidence) / 2;
        return new BootstrapInterval(observed, Percentile(differences, tail), Percentile(differences, 1 - tail),
            confidence, resamples, seed, (double)betterB / resamples);
    }

    /// <summary>numpy's default (linear) percentile of sorted values, <paramref name="q"/> in [0, 1].</summary>
    internal static double Percentile(double[] sorted, double q)
    {
        var position = q * (sorted.Length - 1);
        var low = (int)Math.Floor(position);
        var high = Math.Min(low + 1, sorted.Length - 1);
        return sorted[low] + (sorted[high] - sorted[low]) * (position - low);
    }

    private sealed class Counts(int classes)
    {
        private readonly int[] _support = new int[classes];
        private readonly int[] _predictedA = new int[classes];
        private readonly int[] _predictedB = new int[classes];
        private readonly int[] _hitsA = new int[classes];
        private readonly int[] _hitsB = new int[classes];

        public double Resample(byte[] triples, DeterministicRandom rng)
        {
            Array.Clear(_support);
            Array.Clear(_predictedA);
            Array.Clear(_predictedB);
            Array.Clear(_hitsA);
            Array.Clear(_hitsB);
            var n = triples.Length / 3;
            for (var draw = 0; draw < n; draw++)
            {
                var at = 3 * rng.NextInt(n);
                int t = triples[at], pa = triples[at + 1], pb = triples[at + 2];
                _support[t]++;
                _predictedA[pa]++;
                _predictedB[pb]++;
                _hitsA[t] += pa == t ? 1 : 0;
                _hitsB[t] += pb == t ? 1 : 0;
            }

            double sumA = 0, sumB = 0;
            for (var k = 0; k < classes; k++)
            {
                var denominatorA = _support[k] + _predictedA[k];
                var denominatorB = _support[k] + _predictedB[k];
                sumA += denominatorA == 0 ? 0 : 2.0 * _hitsA[k] / denominatorA;
                sumB += denominatorB == 0 ? 0 : 2.0 * _hitsB[k] / denominatorB;
            }

            return (sumB - sumA) / classes;
        }
    }
}
