using Portal.Core.Competitions;
using Portal.Core.Scoring;
using Portal.Core.Trust;

namespace Portal.Core.Tests.Trust;

public sealed class ShakeUpForecasterTests
{
    [Fact]
    public void Forecast_SameSeed_SameForecast_OtherSeed_Differs()
    {
        var truth = TrustData.Truth(1500);
        var rows = TrustData.Memories(TrustData.Board(truth, 8, 0.25, 0.01));

        var first = ShakeUpForecaster.Forecast(truth, rows, 18, splits: 200, seed: 3);
        var again = ShakeUpForecaster.Forecast(truth, rows, 18, splits: 200, seed: 3);
        var other = ShakeUpForecaster.Forecast(truth, rows, 18, splits: 200, seed: 4);

        Assert.Equal(first.Rows.SelectMany(r => r.RankProbabilities), again.Rows.SelectMany(r => r.RankProbabilities));
        Assert.NotEqual(first.Rows.SelectMany(r => r.RankProbabilities), other.Rows.SelectMany(r => r.RankProbabilities));
    }

    [Fact]
    public void Forecast_FarApartRows_KeepTheirRanks()
    {
        var truth = TrustData.Truth(2000);
        var rows = TrustData.Memories(TrustData.Board(truth, 4, 0.05, 0.25));

        var forecast = ShakeUpForecaster.Forecast(truth, rows, 18, splits: 300);

        Assert.All(forecast.Rows, r =>
        {
            Assert.Equal((r.PublicRank, r.PublicRank, r.PublicRank), (r.Lower, r.Median, r.Upper));
            Assert.Equal(1.0, r.RankProbabilities[r.PublicRank - 1]);
        });
    }

    [Fact]
    public void Forecast_CloseRows_RanksSpreadAndProbabilitiesSumToOne()
    {
        var truth = TrustData.Truth(1000);
        var rows = TrustData.Memories(TrustData.Board(truth, 6, 0.30, 0.002));

        var forecast = ShakeUpForecaster.Forecast(truth, rows, 18, splits: 400);

        Assert.All(forecast.Rows, r =>
        {
            Assert.Equal(1.0, r.RankProbabilities.Sum(), 9);
            Assert.InRange(r.Median, r.Lower, r.Upper);
            Assert.Equal(r.RankProbabilities.Take(3).Sum(), r.ProbabilityOfTop(3), 12);
        });
        Assert.True(forecast.Rows[0].Upper >= 3, "six rows 0.2 % apart in noise are not ranked reliably by 1,000 images");
        Assert.Equal(Math.Sqrt(2) / 2, forecast.NoiseScale, 12);
    }

    [Fact]
    public void Forecast_SimulatedCompetitions_IsCalibrated()
    {
        var (coverage, pitVariance) = Simulate(privateImagesClaimed: null);

        // 90 % ranges hold the private rank a little more often than 90 % (ranks are whole numbers), and where the
        // private rank falls in the forecast is spread evenly: a uniform's variance is 1/12 = 0.0833.
        Assert.InRange(coverage, 0.88, 0.97);
        Assert.InRange(pitVariance, 0.076, 0.091);
    }

    [Theory]
    // A private split claimed far larger than the public one makes the forecast too narrow (a half against the whole),
    [InlineData(1_000_000, true)]
    // one a third of the public size too wide (one half against the other): the calibration check sees both.
    [InlineData(1000, false)]
    public void Forecast_MisstatedPrivateSize_FailsTheCalibrationCheck(int privateImagesClaimed, bool tooNarrow)
    {
        var (_, pitVariance) = Simulate(privateImagesClaimed);

        Assert.True(tooNarrow ? pitVariance > 0.095 : pitVariance < 0.072, $"PIT variance {pitVariance}");
    }

    [Fact]
    public void Review_ComparesRealMovesWithTheForecast()
    {
        var truth = TrustData.Truth(1000);
        var rows = TrustData.Memories(TrustData.Board(truth, 5, 0.30, 0.003));
        var forecast = ShakeUpForecaster.Forecast(truth, rows, 18, splits: 300);

        var review = ShakeUpForecaster.Review(forecast, [2, 1, 3, 5, 4]);

        var second = review.Rows[1];
        Assert.Equal((2, 1, 1), (second.PublicRank, second.PrivateRank, second.Move));
        Assert.Equal(second.PrivateRank >= second.ForecastLower && second.PrivateRank <= second.ForecastUpper, second.WithinForecast);
        var f = forecast.Rows[1];
        Assert.Equal(f.RankProbabilities[0] / 2, second.Percentile, 12);
        Assert.Equal(KendallTau.TauB([1, 2, 3, 4, 5], [2, 1, 3, 5, 4]), review.KendallTau);
        Assert.Equal(review.Rows.Count(r => r.WithinForecast) / 5.0, review.WithinShare);
    }

    [Fact]
    public void Review_RankOutsideBoard_Throws()
    {
        var truth = TrustData.Truth(100);
        var forecast = ShakeUpForecaster.Forecast(truth, TrustData.Memories(TrustData.Board(truth, 2, 0.3, 0.1)), 18, splits: 10);

        Assert.Throws<ArgumentException>(() => ShakeUpForecaster.Review(forecast, [1, 3]));
        Assert.Throws<ArgumentException>(() => ShakeUpForecaster.Review(forecast, [1]));
    }

    /// <summary>
    /// 24 competitions of 30 teams on 6,000 images split half public, half private (stratified, as the portal splits),
    /// teams 0.3 % apart in noise so that ranks do move: the share of private ranks inside their 90 % forecast range,
    /// and the variance of where each fell in its forecast (<see cref="RankMoveCheck.Percentile"/>).
    /// </summary>
    private static (double Coverage, double PitVariance) Simulate(int? privateImagesClaimed)
    {
        var inside = 0;
        var pit = new List<double>();
        for (var world = 0; world < 24; world++)
        {
            var truth = TrustData.Truth(6000, seed: 1000 + world);
            var teams = TrustData.Board(truth, 30, 0.25, 0.003, seed: 5000 + 100 * world);
            var ids = Enumerable.Range(0, truth.Length).Select(i => i.ToString(System.Globalization.CultureInfo.InvariantCulture)).ToArray();
            var split = PublicPrivateSplit.Create(ids, truth, 18, 0.5, (ulong)world);
            var publicTruth = Pick(truth, split.PublicPositions);
            var privateTruth = Pick(truth, split.PrivatePositions);
            var byPublic = teams
                .Select(t => (Public: Pick(t, split.PublicPositions), Private: Pick(t, split.PrivatePositions)))
                .Select(t => (t.Public, PublicF1: MacroF1(publicTruth, t.Public), PrivateF1: MacroF1(privateTruth, t.Private)))
                .OrderByDescending(t => t.PublicF1)
                .ToArray();
            var privateRanks = byPublic
                .Select((t, i) => (t.PrivateF1, i))
                .OrderByDescending(t => t.PrivateF1).ThenBy(t => t.i)
                .Select((t, rank) => (t.i, rank: rank + 1))
                .OrderBy(t => t.i)
                .Select(t => t.rank)
                .ToArray();

            var forecast = ShakeUpForecaster.Forecast(publicTruth, byPublic.Select(t => (ReadOnlyMemory<byte>)t.Public).ToArray(), 18,
                privateImagesClaimed ?? privateTruth.Length, splits: 500, seed: (ulong)world);
            var review = ShakeUpForecaster.Review(forecast, privateRanks);

            inside += review.Rows.Count(r => r.WithinForecast);
            pit.AddRange(review.Rows.Select(r => r.Percentile));
        }

        var mean = pit.Average();
        return ((double)inside / pit.Count, pit.Sum(p => (p - mean) * (p - mean)) / pit.Count);
    }

    private static byte[] Pick(byte[] labels, int[] positions) => positions.Select(p => labels[p]).ToArray();

    private static double MacroF1(byte[] truth, byte[] predicted) =>
        ClassificationMetrics.MacroF1(ConfusionMatrix.Compute(truth, predicted, 18));
}
