using Portal.Core.Comparison;
using Portal.Core.Randomness;

namespace Portal.Core.Trust;

/// <summary>
/// The macro F1 of N submissions on every resample of a seeded bootstrap over the same M images: resample r draws
/// M image positions uniformly with replacement from stream r of the seed (<see cref="DeterministicRandom.ForStream"/>),
/// and every submission is scored on that same resample, so differences between any two are paired.
/// </summary>
/// <remarks>
/// <para>
/// The draws are those of <see cref="PairedBootstrap"/> (M calls of <c>NextInt(M)</c> per resample, stream r for
/// resample r) and the per-class F1 are summed in the same order, so <see cref="Difference"/> of two submissions
/// equals <see cref="PairedBootstrap.MacroF1Difference"/> of the pair bit for bit, whatever N is.
/// </para>
/// <para>
/// Cost: a resample is a count vector w over the images (the multinomial counts of the M draws); the counts of
/// 16 resamples lie side by side per image (<see cref="WeightBlock"/>), and each submission's confusion counts under
/// them are sums of w over its mistakes (<see cref="WeightedCounts"/>): O(R M + R N m) for m mistakes per
/// submission, vectorised 16 resamples wide. Blocks of 16 resamples run in parallel; each resample's values depend
/// only on the seed and its index, never on the number of threads. Memory: 64 bytes per image per worker thread,
/// and 8 bytes per submission per resample for the result.
/// </para>
/// <para>
/// Leak safety: everything this class returns is a macro F1 (or a difference or percentile of them), and each is
/// a function of weighted confusion counts, C x C aggregates over the images; the distribution being estimated
/// depends only on the joint counts of (truth, predictions) over the images, not on which image holds which pair.
/// No per-image value leaves this class.
/// </para>
/// </remarks>
public sealed class BootstrapScores
{
    private readonly SubmissionSet _set;
    private readonly double[] _classF1Sums;

    private BootstrapScores(SubmissionSet set, double[] classF1Sums, int resamples, ulong seed)
    {
        _set = set;
        _classF1Sums = classF1Sums;
        Resamples = resamples;
        Seed = seed;
    }

    /// <summary>The number of submissions N.</summary>
    public int Count => _set.Count;

    /// <summary>The number of images M.</summary>
    public int Images => _set.Images;

    /// <summary>The number of classes C.</summary>
    public int ClassCount => _set.ClassCount;

    /// <summary>The number of resamples R.</summary>
    public int Resamples { get; }

    /// <summary>The seed of the resamples.</summary>
    public ulong Seed { get; }

    /// <summary>
    /// Resamples the M images <paramref name="resamples"/> times and scores every submission on each.
    /// <paramref name="truth"/> and each of <paramref name="predictions"/> hold one class index in [0, C) per image,
    /// in the same image order. Throws <see cref="ArgumentException"/> when a labelling does not cover the M
    /// images or holds a label of C or more, <see cref="ArgumentOutOfRangeException"/> when
    /// <paramref name="resamples"/> is below 1 or C is not in [1, 256].
    /// </summary>
    public static BootstrapScores Compute(
        ReadOnlySpan<byte> truth, IReadOnlyList<ReadOnlyMemory<byte>> predictions, int classCount, int resamples = 1000, ulong seed = 42)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(resamples, 1);
        var set = SubmissionSet.Create(truth, predictions, classCount);
        var sums = new double[set.Count * resamples];
        if (set.Images > 0 && set.Count > 0)
        {
            var blocks = (resamples + WeightBlock.Lanes - 1) / WeightBlock.Lanes;
            Parallel.For(0, blocks, () => new Worker(set), (block, _, worker) =>
            {
                worker.Run(block, resamples, seed, sums);
                return worker;
            }, _ => { });
        }

        return new BootstrapScores(set, sums, resamples, seed);
    }

    /// <summary>Submission <paramref name="s"/>'s macro F1 on all M images.</summary>
    public double Observed(int s) => _set.Observed(s);

    /// <summary>Submission <paramref name="s"/>'s macro F1 on resample <paramref name="r"/>.</summary>
    public double Replicate(int s, int r) => ClassF1Sum(s, r) / ClassCount;

    /// <summary>Submission <paramref name="s"/>'s macro F1 with its percentile interval at <paramref name="confidence"/> (in (0, 1)).</summary>
    public ScoreInterval Interval(int s, double confidence = 0.95)
    {
        RequireConfidence(confidence);
        var values = new double[Resamples];
        for (var r = 0; r < values.Length; r++)
        {
            values[r] = Replicate(s, r);
        }

        Array.Sort(values);
        var tail = (1 - confidence) / 2;
        return new ScoreInterval(Observed(s), Percentile.Linear(values, tail), Percentile.Linear(values, 1 - tail), confidence);
    }

    /// <summary>
    /// The paired percentile interval of macro F1(<paramref name="b"/>) - macro F1(<paramref name="a"/>) at
    /// <paramref name="confidence"/> (in (0, 1)), with the fraction of resamples where B scores higher.
    /// </summary>
    public BootstrapInterval Difference(int a, int b, double confidence = 0.95)
    {
        RequireConfidence(confidence);
        var differences = Differences(a, b);
        var betterB = 0;
        foreach (var d in differences)
        {
            betterB += d > 0 ? 1 : 0;
        }

        Array.Sort(differences);
        var tail = (1 - confidence) / 2;
        return new BootstrapInterval(Observed(b) - Observed(a), Percentile.Linear(differences, tail), Percentile.Linear(differences, 1 - tail),
            confidence, Resamples, Seed, (double)betterB / Resamples);
    }

    /// <summary>
    /// The standard deviation (n - 1 in the denominator) of macro F1(<paramref name="b"/>) - macro F1(<paramref name="a"/>)
    /// over the resamples: the bootstrap standard error of the difference; 0 with a single resample.
    /// </summary>
    public double DifferenceStandardError(int a, int b)
    {
        var differences = Differences(a, b);
        if (differences.Length < 2)
        {
            return 0;
        }

        var mean = differences.Average();
        double squares = 0;
        foreach (var d in differences)
        {
            squares += (d - mean) * (d - mean);
        }

        return Math.Sqrt(squares / (differences.Length - 1));
    }

    private double[] Differences(int a, int b)
    {
        ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual((uint)a, (uint)Count, nameof(a));
        ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual((uint)b, (uint)Count, nameof(b));
        var differences = new double[Resamples];
        for (var r = 0; r < differences.Length; r++)
        {
            differences[r] = (ClassF1Sum(b, r) - ClassF1Sum(a, r)) / ClassCount;
        }

        return differences;
    }

    private double ClassF1Sum(int s, int r)
    {
        ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual((uint)s, (uint)Count, nameof(s));
        ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual((uint)r, (uint)Resamples, nameof(r));
        return _classF1Sums[s * Resamples + r];
    }

    private static void RequireConfidence(double confidence)
    {
        if (!(confidence > 0 && confidence < 1))
        {
            throw new ArgumentOutOfRangeException(nameof(confidence), "Confidence must be between 0 and 1.");
        }
    }

    /// <summary>One thread's scratch: a block of resample weights and the counts of one submission.</summary>
    private sealed class Worker(SubmissionSet set)
    {
        private readonly WeightBlock _block = new(set.Images);
        private readonly WeightedCounts _counts = new(set.ClassCount);

        public void Run(int block, int resamples, ulong seed, double[] sums)
        {
            var first = block * WeightBlock.Lanes;
            var lanes = Math.Min(WeightBlock.Lanes, resamples - first);
            Draw(first, lanes, seed);
            _counts.CountSupport(_block, set.ByClass);
            for (var s = 0; s < set.Count; s++)
            {
                _counts.CountMistakes(_block, set.MistakesOf(s));
                for (var lane = 0; lane < lanes; lane++)
                {
                    sums[s * resamples + first + lane] = _counts.ClassF1Sum(lane);
                }
            }
        }

        /// <summary>Resample first + j counts how often each image is drawn in M uniform draws from stream first + j.</summary>
        private void Draw(int first, int lanes, ulong seed)
        {
            _block.Clear();
            var weights = _block.Weights;
            var n = set.Images;
            for (var lane = 0; lane < lanes; lane++)
            {
                var rng = DeterministicRandom.ForStream(seed, (ulong)(first + lane));
                for (var draw = 0; draw < n; draw++)
                {
                    weights[rng.NextInt(n) * WeightBlock.Lanes + lane]++;
                }
            }
        }
    }
}
