using Portal.Core.Randomness;

namespace Portal.Core.Trust;

/// <summary>
/// How far each rank of a public board could plausibly move on the private board, from the public images alone; and,
/// after close, the real moves beside the forecast.
/// </summary>
/// <remarks>
/// <para>
/// Method (half-sample replication): split the public images at random into two halves H1 and H2, stratified by
/// class as the real public/private split is (<see cref="Competitions.PublicPrivateSplit"/>), and score every row on
/// both. Under the model that images are drawn independently, d = F1(H2) - F1(H1) has about four times the variance
/// of the public score's own error (each half has half the images), so d / 2 is a draw of that error (McCarthy's
/// balanced half-samples; Wolter, Introduction to Variance Estimation, ch. 3). A private score differs from the
/// public one by the private error less the public error, with variance Var(public error) (1 + Mpub / Mpriv). So one
/// forecast private board ranks the rows by F1(public) + s d with s = sqrt(1 + Mpub / Mpriv) / 2 (0.71 for equal
/// sizes), every row on the same split, so correlated rows move together. Repeated over many seeded splits, each row's
/// ranks give its forecast range.
/// </para>
/// <para>
/// Why not simply rank on one half: a half is a subset of the public images, so ranks on it understate the spread of
/// an independent private set by half its variance; ranking on H1 against H2 overstates it by half (for equal sizes),
/// and both halves carry the small-sample bias of macro F1 on rare classes, which d cancels. The scaled difference
/// has the right variance for the private set's size to first order; the tests check its calibration on simulated
/// competitions.
/// </para>
/// <para>
/// Limits, to say beside the chart: the forecast is for each row's submission as it stands. A team that chose its
/// best public submission among many is likely to fall further (the winner's curse, which the ladder limits), and the
/// private board ranks a team by its selected finals, which may be other submissions. Images of one person are not
/// independent (seven per person in the mask task), and a split by image cannot see that, so the real spread may be wider.
/// </para>
/// <para>
/// Leak safety: every forecast number is a rank derived from macro F1 values of whole halves of the public split
/// (confusion counts under 0/1 weights); no per-image value leaves this class.
/// </para>
/// </remarks>
public static class ShakeUpForecaster
{
    /// <summary>
    /// Forecasts the private rank of each of <paramref name="rows"/> (each row's labels on the public images of
    /// <paramref name="truth"/>, in public board order: row i has public rank i + 1). <paramref name="privateImages"/> is
    /// the size of the private split (default: as many as the public one). Each of <paramref name="splits"/> splits
    /// draws from stream <c>split</c> of <paramref name="seed"/>: per class in class order, a coin for which half takes
    /// the odd image (odd classes only), then a partial Fisher-Yates shuffle of the class's images in image order.
    /// Throws as <see cref="BootstrapScores.Compute"/> does, and <see cref="ArgumentOutOfRangeException"/> for fewer than
    /// one split, <paramref name="privateImages"/> below 1, or a coverage outside (0, 1).
    /// </summary>
    public static ShakeUpForecast Forecast(
        ReadOnlySpan<byte> truth, IReadOnlyList<ReadOnlyMemory<byte>> rows, int classCount,
        int? privateImages = null, int splits = 1000, ulong seed = 42, double coverage = 0.9)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(splits, 1);
        if (privateImages is < 1)
        {
            throw new ArgumentOutOfRangeException(nameof(privateImages), "The private split must hold at least one image.");
        }

        if (!(coverage > 0 && coverage < 1))
        {
            throw new ArgumentOutOfRangeException(nameof(coverage), "Coverage must be between 0 and 1.");
        }

        var set = SubmissionSet.Create(truth, rows, classCount);
        var scale = set.Images == 0 ? 0 : Math.Sqrt(1 + (double)set.Images / (privateImages ?? set.Images)) / 2;
        var differences = new double[set.Count * splits];
        if (set.Images > 0 && set.Count > 0)
        {
            var blocks = (splits + WeightBlock.Lanes - 1) / WeightBlock.Lanes;
            Parallel.For(0, blocks, () => new Worker(set), (block, _, worker) =>
            {
                worker.Run(block, splits, seed, differences);
                return worker;
            }, _ => { });
        }

        var rankCounts = CountRanks(set, differences, splits, scale);
        var forecasts = new RankForecast[set.Count];
        for (var row = 0; row < forecasts.Length; row++)
        {
            forecasts[row] = Summarise(row, rankCounts.AsSpan(row * set.Count, set.Count), splits, coverage);
        }

        return new ShakeUpForecast(forecasts, splits, seed, coverage, scale);
    }

    /// <summary>
    /// The real moves after close beside <paramref name="forecast"/>: <paramref name="privateRanks"/>[i] is the private
    /// rank (from 1) of public row i. Throws <see cref="ArgumentException"/> when there is not one rank per row or a rank
    /// is outside 1..N.
    /// </summary>
    public static ShakeUpReview Review(ShakeUpForecast forecast, IReadOnlyList<int> privateRanks)
    {
        ArgumentNullException.ThrowIfNull(forecast);
        ArgumentNullException.ThrowIfNull(privateRanks);
        var n = forecast.Rows.Count;
        if (privateRanks.Count != n)
        {
            throw new ArgumentException($"Expected a private rank for each of the {n} rows; got {privateRanks.Count}.", nameof(privateRanks));
        }

        var checks = new RankMoveCheck[n];
        var within = 0;
        for (var i = 0; i < n; i++)
        {
            var rank = privateRanks[i];
            if (rank < 1 || rank > n)
            {
                throw new ArgumentException($"Private rank {rank} of row {i} is outside 1..{n}.", nameof(privateRanks));
            }

            var f = forecast.Rows[i];
            var inside = rank >= f.Lower && rank <= f.Upper;
            within += inside ? 1 : 0;
            var percentile = f.ProbabilityOfTop(rank - 1) + f.RankProbabilities[rank - 1] / 2;
            checks[i] = new RankMoveCheck(f.PublicRank, rank, f.PublicRank - rank, f.Lower, f.Upper, inside, percentile);
        }

        var publicRanks = checks.Select(c => (double)c.PublicRank).ToArray();
        var privates = checks.Select(c => (double)c.PrivateRank).ToArray();
        return new ShakeUpReview(checks, n == 0 ? 0 : (double)within / n, KendallTau.TauB(publicRanks, privates));
    }

    /// <summary>counts[row * N + rank - 1]: how many forecast boards put the row at that rank.</summary>
    private static int[] CountRanks(SubmissionSet set, double[] differences, int splits, double scale)
    {
        var n = set.Count;
        var counts = new int[n * n];
        var order = new int[n];
        var forecast = new double[n];

        // Higher first; equal forecasts keep board order, as equal scores go to the earlier submission.
        Comparison<int> byForecast = (x, y) => forecast[y].CompareTo(forecast[x]) is var c && c != 0 ? c : x.CompareTo(y);
        for (var split = 0; split < splits; split++)
        {
            for (var row = 0; row < n; row++)
            {
                forecast[row] = set.Observed(row) + scale * differences[row * splits + split];
                order[row] = row;
            }

            Array.Sort(order, byForecast);
            for (var rank = 0; rank < n; rank++)
            {
                counts[order[rank] * n + rank]++;
            }
        }

        return counts;
    }

    private static RankForecast Summarise(int row, ReadOnlySpan<int> counts, int splits, double coverage)
    {
        var tail = (1 - coverage) / 2;
        var probabilities = new double[counts.Length];
        int lower = 0, median = 0, upper = 0;
        long cumulative = 0;
        for (var r = 0; r < counts.Length; r++)
        {
            probabilities[r] = (double)counts[r] / splits;
            cumulative += counts[r];

            // The smallest rank whose cumulative share reaches each quantile.
            lower = lower == 0 && cumulative >= tail * splits ? r + 1 : lower;
            median = median == 0 && cumulative >= 0.5 * splits ? r + 1 : median;
            upper = upper == 0 && cumulative >= (1 - tail) * splits ? r + 1 : upper;
        }

        return new RankForecast(row + 1, lower, median, upper, probabilities);
    }

    /// <summary>One thread's scratch: a block of 16 half splits (weight 1 = in H1) and one submission's counts.</summary>
    private sealed class Worker
    {
        private readonly SubmissionSet _set;
        private readonly WeightBlock _block;
        private readonly WeightedCounts _counts;
        private readonly int[] _shuffle;
        private readonly int[] _support;
        private readonly int[][] _missed;
        private readonly int[][] _extra;

        public Worker(SubmissionSet set)
        {
            _set = set;
            _block = new WeightBlock(set.Images);
            _counts = new WeightedCounts(set.ClassCount);
            _shuffle = new int[set.Images];
            _support = set.ByClass.RowTotals(set.ClassCount);
            _missed = new int[set.Count][];
            _extra = new int[set.Count][];
            for (var s = 0; s < set.Count; s++)
            {
                _missed[s] = set.MistakesOf(s).RowTotals(set.ClassCount);
                _extra[s] = set.MistakesOf(s).ColumnTotals(set.ClassCount);
            }
        }

        public void Run(int block, int splits, ulong seed, double[] differences)
        {
            var first = block * WeightBlock.Lanes;
            var lanes = Math.Min(WeightBlock.Lanes, splits - first);
            _block.Clear();
            for (var lane = 0; lane < lanes; lane++)
            {
                MarkFirstHalf(lane, DeterministicRandom.ForStream(seed, (ulong)(first + lane)));
            }

            _counts.CountSupport(_block, _set.ByClass);
            for (var s = 0; s < _set.Count; s++)
            {
                _counts.CountMistakes(_block, _set.MistakesOf(s));
                for (var lane = 0; lane < lanes; lane++)
                {
                    var inFirst = _counts.ClassF1Sum(lane);
                    var second = _counts.ComplementClassF1Sum(lane, _support, _missed[s], _extra[s]);
                    differences[s * splits + first + lane] = (second - inFirst) / _set.ClassCount;
                }
            }
        }

        private void MarkFirstHalf(int lane, DeterministicRandom rng)
        {
            var weights = _block.Weights;
            foreach (var group in _set.ByClass.Groups)
            {
                var images = _shuffle.AsSpan(0, group.Count);
                _set.ByClass.ImagesOf(group).CopyTo(images);
                var take = images.Length / 2 + (images.Length % 2 == 1 ? rng.NextInt(2) : 0);
                for (var i = 0; i < take; i++)
                {
                    var j = i + rng.NextInt(images.Length - i);
                    (images[i], images[j]) = (images[j], images[i]);
                    weights[images[i] * WeightBlock.Lanes + lane] = 1;
                }
            }
        }
    }
}
