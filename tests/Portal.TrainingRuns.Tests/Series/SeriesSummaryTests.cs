using Portal.TrainingRuns.Series;

namespace Portal.TrainingRuns.Tests.Series;

public sealed class SeriesSummaryTests
{
    [Fact]
    public void Summarize_Loss_BestIsLowestNaNSkippedEarliestOnTies()
    {
        var series = new ScalarSeries("fold_0", "val/loss", [0, 10, 20, 30, 40], [0.9, double.NaN, 0.4, 0.4, 0.5]);

        var summary = series.Summarize();

        Assert.Equal(new SeriesSummary(5, 40, 0.5, 20, 0.4, MetricDirection.Lower), summary);
    }

    [Fact]
    public void Summarize_F1_BestIsHighest()
    {
        var summary = new ScalarSeries("fold_0", "val/f1", [1, 2, 3], [0.6, 0.8, 0.7]).Summarize();

        Assert.Equal((2L, 0.8, MetricDirection.Higher), (summary.BestStep, summary.BestValue, summary.Direction));
    }

    [Fact]
    public void Summarize_AllNaN_NoBest()
    {
        var summary = new ScalarSeries(".", "loss", [1, 2], [double.NaN, double.NaN]).Summarize();

        Assert.Equal((2, (long?)null, (double?)null), (summary.Points, summary.BestStep, summary.BestValue));
    }

    [Fact]
    public void ScalarSeries_ArraysOfDifferentLengths_Throws()
    {
        Assert.Throws<ArgumentException>(() => new ScalarSeries(".", "loss", [1, 2], [0.5]));
    }

    [Theory]
    [InlineData("train/loss", MetricDirection.Lower)]
    [InlineData("val_loss", MetricDirection.Lower)]
    [InlineData("valid/error_rate", MetricDirection.Lower)]
    [InlineData("eval/mae", MetricDirection.Lower)]
    [InlineData("val/f1", MetricDirection.Higher)]
    [InlineData("val_accuracy", MetricDirection.Higher)]
    [InlineData("loss/val_f1", MetricDirection.Higher)]
    public void Guess_TagName_Direction(string tag, MetricDirection direction)
    {
        Assert.Equal(direction, MetricDirections.Guess(tag));
    }
}
