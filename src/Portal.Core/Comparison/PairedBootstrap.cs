using Portal.Core.Trust;

namespace Portal.Core.Comparison;

/// <summary>
/// Seeded paired bootstrap of the macro F1 difference between two submissions. Resample r draws
/// from its own random stream of the seed, so results do not depend on how many threads run it.
/// The resampling is <see cref="BootstrapScores"/>'s, shared with the leaderboard's intervals and tiers.
/// </summary>
public static class PairedBootstrap
{
    /// <summary>
    /// The percentile interval of macro F1(B) - macro F1(A) over <paramref name="resamples"/> resamples of the
    /// images (each M draws with replacement). Throws <see cref="ArgumentException"/> when the three labellings
    /// differ in length, <see cref="ArgumentOutOfRangeException"/> for fewer than one resample or a confidence
    /// outside (0, 1).
    /// </summary>
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

        return BootstrapScores.Compute(truth, [a.ToArray(), b.ToArray()], classCount, resamples, seed).Difference(0, 1, confidence);
    }
}
