using BenchmarkDotNet.Attributes;
using Portal.Core.Comparison;
using Portal.Core.Trust;

namespace Portal.Benchmarks;

/// <summary>
/// Issue 12: intervals and tiers for a board of 100 teams on 12,600 images with 1,000 resamples (target <= 200 ms on 2
/// cores), beside two plain bootstraps of the same board (<see cref="NaiveBoardBootstrap"/>), the shake-up forecast
/// (1,000 half splits) and Compare's paired bootstrap before and after it moved onto the shared resampling:
/// <c>--filter '*TrustBoard*'</c>.
/// </summary>
[MemoryDiagnoser]
[SimpleJob(launchCount: 1, warmupCount: 3, iterationCount: 10)]
public class TrustBoardBenchmarks
{
    private const int Images = 12_600;
    private const int Resamples = 1000;
    private byte[] _truth = [];
    private byte[][] _teams = [];
    private ReadOnlyMemory<byte>[] _rows = [];

    [GlobalSetup]
    public void Setup()
    {
        _truth = TrustBenchData.Truth(Images);

        // 100 teams from 15 % to 60 % random labels, in board order (best first), as the bench data's "many".
        _teams = TrustBenchData.Submissions(_truth, 100, 0.15, 0.60);
        _rows = _teams.Select(t => (ReadOnlyMemory<byte>)t).ToArray();
    }

    /// <summary>Everything the board shows: every row's interval, its interval to the row above, the tiers.</summary>
    [Benchmark]
    public TieredBoard BoardIntervalsAndTiers() => BoardTiers.Compute(_truth, _rows, 18, Resamples);

    /// <summary>The resampling alone.</summary>
    [Benchmark]
    public BootstrapScores BoardBootstrap() => BootstrapScores.Compute(_truth, _rows, 18, Resamples);

    /// <summary>Baseline: each submission's counts from the drawn indices, resample by resample.</summary>
    [Benchmark(Baseline = true)]
    public double[] NaiveDrawnIndices() => NaiveBoardBootstrap.DrawnIndices(_truth, _teams, 18, Resamples, 42);

    /// <summary>Baseline: the count vector once per resample, each submission's counts over all images.</summary>
    [Benchmark]
    public double[] NaiveWeightVector() => NaiveBoardBootstrap.WeightVector(_truth, _teams, 18, Resamples, 42);

    /// <summary>The shake-up forecast: 1,000 stratified half splits, every team ranked on each.</summary>
    [Benchmark]
    public ShakeUpForecast ShakeUpForecast() => ShakeUpForecaster.Forecast(_truth, _rows, 18, splits: 1000);

    /// <summary>Compare's paired bootstrap of two submissions (1,000 resamples), now on the shared resampling.</summary>
    [Benchmark]
    public BootstrapInterval PairedBootstrapNow() => PairedBootstrap.MacroF1Difference(_truth, _teams[0], _teams[1], 18, Resamples);

    /// <summary>The same as first written (one resample at a time, drawn index by drawn index).</summary>
    [Benchmark]
    public double[] PairedBootstrapBefore() => NaiveBoardBootstrap.DrawnIndices(_truth, [_teams[0], _teams[1]], 18, Resamples, 42);
}
