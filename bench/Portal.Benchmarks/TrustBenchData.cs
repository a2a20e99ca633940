using Portal.Core.Randomness;
using Portal.Core.Submissions;

namespace Portal.Benchmarks;

/// <summary>
/// Seeded synthetic labellings for the trust benchmarks, made in memory (no files): a truth with the bench data's
/// skewed 18-class distribution and submissions that replace a share of labels with random classes.
/// </summary>
internal static class TrustBenchData
{
    private static readonly double[] ClassWeights = [20, 16, 3, 24, 18, 4, 4, 3.2, 0.6, 4.8, 3.6, 0.8, 4, 3.2, 0.6, 4.8, 3.6, 0.8];

    public static byte[] Truth(int images, ulong seed = 1)
    {
        var rng = new DeterministicRandom(seed);
        var total = ClassWeights.Sum();
        var labels = new byte[images];
        for (var i = 0; i < images; i++)
        {
            var u = rng.NextDouble() * total;
            var k = 0;
            while (k < ClassWeights.Length - 1 && u >= ClassWeights[k])
            {
                u -= ClassWeights[k++];
            }

            labels[i] = (byte)k;
        }

        return labels;
    }

    /// <summary><paramref name="count"/> submissions with noise spread evenly from <paramref name="lowest"/> to <paramref name="highest"/>.</summary>
    public static byte[][] Submissions(byte[] truth, int count, double lowest, double highest, ulong seed = 2)
    {
        var submissions = new byte[count][];
        for (var s = 0; s < count; s++)
        {
            var rng = DeterministicRandom.ForStream(seed, (ulong)s);
            var noise = lowest + (highest - lowest) * s / Math.Max(1, count - 1);
            var labels = (byte[])truth.Clone();
            for (var i = 0; i < labels.Length; i++)
            {
                if (rng.NextDouble() < noise)
                {
                    labels[i] = (byte)rng.NextInt(18);
                }
            }

            submissions[s] = labels;
        }

        return submissions;
    }

    /// <summary>Probabilities whose argmax is each label: 0.4 to 0.9 on it, the rest spread evenly.</summary>
    public static Predictions WithProbabilities(byte[] labels, ulong seed)
    {
        var rng = new DeterministicRandom(seed);
        var probabilities = new float[labels.Length * 18];
        for (var i = 0; i < labels.Length; i++)
        {
            var top = 0.4 + 0.5 * rng.NextDouble();
            for (var c = 0; c < 18; c++)
            {
                probabilities[i * 18 + c] = (float)(c == labels[i] ? top : (1 - top) / 17);
            }
        }

        return Predictions.FromProbabilities(probabilities, 18);
    }
}
