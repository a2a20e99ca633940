using Portal.Core.Comparison;
using Portal.Core.Scoring;
using Portal.Core.Tests.Support;
using Portal.Core.Trust;

namespace Portal.Core.Tests.Trust;

public sealed class BootstrapScoresTests
{
    [Theory]
    [InlineData(1, 1, 18, 20)]
    [InlineData(2, 3, 2, 17)]
    [InlineData(37, 4, 18, 37)]
    [InlineData(500, 6, 18, 50)]
    [InlineData(1200, 3, 5, 33)]
    public void Compute_AnySize_EqualsDrawingImagesOneAtATimeBitForBit(int images, int submissions, int classes, int resamples)
    {
        // Arrange
        var truth = TrustData.Truth(images, classes, seed: images);
        var labels = TrustData.Board(truth, submissions, 0.1, 0.15, seed: images, classes: classes);

        // Act
        var scores = BootstrapScores.Compute(truth, TrustData.Memories(labels), classes, resamples, seed: 9);
        var naive = NaiveBootstrap.ClassF1Sums(truth, labels, classes, resamples, seed: 9);

        // Assert
        for (var s = 0; s < submissions; s++)
        {
            for (var r = 0; r < resamples; r++)
            {
                Assert.Equal(naive[s][r] / classes, scores.Replicate(s, r));
            }
        }
    }

    [Fact]
    public void Difference_OfAnyPairOnABoard_EqualsPairedBootstrapOfThePair()
    {
        var truth = TrustData.Truth(900);
        var labels = TrustData.Board(truth, 5, 0.2, 0.02);

        var scores = BootstrapScores.Compute(truth, TrustData.Memories(labels), 18, 300, seed: 3);

        Assert.Equal(PairedBootstrap.MacroF1Difference(truth, labels[1], labels[3], 18, 300, seed: 3), scores.Difference(1, 3));
        Assert.Equal(PairedBootstrap.MacroF1Difference(truth, labels[4], labels[0], 18, 300, seed: 3, confidence: 0.8), scores.Difference(4, 0, 0.8));
    }

    [Fact]
    public void Observed_IsScikitLearnsMacroF1OnAllImages()
    {
        var truth = TrustData.Truth(700);
        var labels = TrustData.Board(truth, 3, 0.3, 0.1);

        var scores = BootstrapScores.Compute(truth, TrustData.Memories(labels), 18, 10);

        for (var s = 0; s < 3; s++)
        {
            Assert.Equal(ClassificationMetrics.MacroF1(ConfusionMatrix.Compute(truth, labels[s], 18)), scores.Observed(s));
        }
    }

    [Fact]
    public void Interval_IsTheLinearPercentileOfTheReplicatesAndHoldsTheScore()
    {
        var truth = TrustData.Truth(2000);
        var labels = TrustData.Board(truth, 2, 0.3, 0.1);

        var scores = BootstrapScores.Compute(truth, TrustData.Memories(labels), 18, 400, seed: 11);
        var interval = scores.Interval(1);

        var sorted = Enumerable.Range(0, 400).Select(r => scores.Replicate(1, r)).Order().ToArray();
        Assert.Equal(Percentile.Linear(sorted, 0.025), interval.Lower);
        Assert.Equal(Percentile.Linear(sorted, 0.975), interval.Upper);
        Assert.InRange(interval.Score, interval.Lower, interval.Upper);
        Assert.True(interval.Upper - interval.Lower is > 0.01 and < 0.1);
    }

    [Fact]
    public void Compute_SameSeed_SameValues_OtherSeed_OtherValues()
    {
        var truth = TrustData.Truth(500);
        var labels = TrustData.Memories(TrustData.Board(truth, 3, 0.2, 0.1));

        var first = BootstrapScores.Compute(truth, labels, 18, 64, seed: 5);
        var again = BootstrapScores.Compute(truth, labels, 18, 64, seed: 5);
        var other = BootstrapScores.Compute(truth, labels, 18, 64, seed: 6);

        Assert.Equal(first.Interval(2), again.Interval(2));
        Assert.NotEqual(first.Interval(2), other.Interval(2));
    }

    [Fact]
    public void DifferenceStandardError_IsTheSampleDeviationOfTheDifferences()
    {
        var truth = TrustData.Truth(800);
        var labels = TrustData.Board(truth, 2, 0.2, 0.1);

        var scores = BootstrapScores.Compute(truth, TrustData.Memories(labels), 18, 200, seed: 2);

        var differences = Enumerable.Range(0, 200).Select(r => scores.Replicate(1, r) - scores.Replicate(0, r)).ToArray();
        var mean = differences.Average();
        var expected = Math.Sqrt(differences.Sum(d => (d - mean) * (d - mean)) / 199);
        Assert.Equal(expected, scores.DifferenceStandardError(0, 1), 12);
    }

    [Fact]
    public void Compute_LabelNotBelowClassCount_Throws()
    {
        byte[] truth = [0, 1, 2];
        byte[] wrong = [0, 1, 3];

        var error = Assert.Throws<ArgumentException>(() => BootstrapScores.Compute(truth, [wrong], 3, 10));
        Assert.Contains("Label 3 at position 2", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Compute_SubmissionOfOtherLength_Throws()
    {
        byte[] truth = [0, 1, 2];

        Assert.Throws<ArgumentException>(() => BootstrapScores.Compute(truth, [new byte[] { 0, 1 }], 3, 10));
    }
}
