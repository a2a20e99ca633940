using Portal.Core.Randomness;

namespace Portal.Core.Tests.Support;

/// <summary>
/// The bootstrap as first written (PairedBootstrap before the shared resampling): per resample, M draws from
/// stream r of the seed, and every submission's counts from the drawn images one at a time. The oracle the
/// vectorised resampling must equal bit for bit.
/// </summary>
internal static class NaiveBootstrap
{
    /// <summary>The sum of per-class F1 (class order) of each submission on each resample: [submission][resample].</summary>
    public static double[][] ClassF1Sums(byte[] truth, IReadOnlyList<byte[]> submissions, int classCount, int resamples, ulong seed)
    {
        var sums = submissions.Select(_ => new double[resamples]).ToArray();
        var n = truth.Length;
        var drawn = new int[n];
        for (var r = 0; r < resamples; r++)
        {
            var rng = DeterministicRandom.ForStream(seed, (ulong)r);
            for (var d = 0; d < n; d++)
            {
                drawn[d] = rng.NextInt(n);
            }

            for (var s = 0; s < submissions.Count; s++)
            {
                var support = new int[classCount];
                var predicted = new int[classCount];
                var hits = new int[classCount];
                foreach (var i in drawn)
                {
                    support[truth[i]]++;
                    predicted[submissions[s][i]]++;
                    hits[truth[i]] += submissions[s][i] == truth[i] ? 1 : 0;
                }

                double sum = 0;
                for (var k = 0; k < classCount; k++)
                {
                    var denominator = support[k] + predicted[k];
                    sum += denominator == 0 ? 0 : 2.0 * hits[k] / denominator;
                }

                sums[s][r] = sum;
            }
        }

        return sums;
    }
}
