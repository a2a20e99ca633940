using Portal.TrainingRuns.Series;

namespace Portal.TrainingRuns.Tests.Series;

public sealed class SeriesThinningTests
{
    private const int MaxPoints = 3000;

    [Fact]
    public void Thin_SeriesWithinTheLimit_ReturnedAsItIs()
    {
        // Arrange
        long[] steps = [0, 10, 20];
        double[] values = [0.9, 0.5, 0.4];

        // Act
        var (thinSteps, thinValues) = SeriesThinning.Thin(steps, values, MaxPoints);

        // Assert
        Assert.Same(steps, thinSteps);
        Assert.Same(values, thinValues);
    }

    [Fact]
    public void Thin_HundredThousandPoints_AtMostTheLimitWithEndsInOrder()
    {
        // Arrange
        var (steps, values) = Noisy(100_000, seed: 1);

        // Act
        var (thinSteps, thinValues) = SeriesThinning.Thin(steps, values, MaxPoints);

        // Assert
        Assert.InRange(thinSteps.Length, MaxPoints / 2, MaxPoints);
        Assert.Equal(thinSteps.Length, thinValues.Length);
        Assert.Equal((steps[0], values[0]), (thinSteps[0], thinValues[0]));
        Assert.Equal((steps[^1], values[^1]), (thinSteps[^1], thinValues[^1]));
        Assert.True(thinSteps.Zip(thinSteps.Skip(1)).All(p => p.First < p.Second), "steps must stay in written order");
    }

    [Fact]
    public void Thin_EveryPointKept_IsAPointOfTheSeries()
    {
        // Arrange
        var (steps, values) = Noisy(50_000, seed: 2);
        var points = steps.Zip(values).ToDictionary(p => p.First, p => p.Second);

        // Act
        var (thinSteps, thinValues) = SeriesThinning.Thin(steps, values, MaxPoints);

        // Assert
        Assert.All(thinSteps.Zip(thinValues), p => Assert.Equal(points[p.First], p.Second));
    }

    [Fact]
    public void Thin_SpikeAndDip_KeptWithTheEnvelope()
    {
        // Arrange: one spike and one dip a bucket could hide.
        var (steps, values) = Noisy(100_000, seed: 3);
        values[54_321] = 10;
        values[77_777] = -10;

        // Act
        var (thinSteps, thinValues) = SeriesThinning.Thin(steps, values, MaxPoints);

        // Assert
        Assert.Contains(steps[54_321], thinSteps);
        Assert.Contains(steps[77_777], thinSteps);
        Assert.Equal(values.Max(), thinValues.Max());
        Assert.Equal(values.Min(), thinValues.Min());
    }

    [Fact]
    public void Thin_SlowTrend_FollowsTheCurveWithinTheNoise()
    {
        // Arrange: a loss falling from 2 to about 0 with noise of 0.05.
        var (steps, values) = Noisy(100_000, seed: 4);

        // Act
        var (thinSteps, thinValues) = SeriesThinning.Thin(steps, values, MaxPoints);

        // Assert
        Assert.All(thinSteps.Zip(thinValues), p => Assert.InRange(p.Second, Trend(p.First) - 0.001, Trend(p.First) + 0.051));
    }

    [Fact]
    public void Thin_NonFiniteValues_KeptAsGaps()
    {
        // Arrange
        var (steps, values) = Noisy(20_000, seed: 5);
        values[10_000] = double.NaN;
        values[15_000] = double.PositiveInfinity;

        // Act
        var (thinSteps, thinValues) = SeriesThinning.Thin(steps, values, MaxPoints);

        // Assert
        Assert.True(double.IsNaN(thinValues[Array.IndexOf(thinSteps, steps[10_000])]));
        Assert.True(double.IsPositiveInfinity(thinValues[Array.IndexOf(thinSteps, steps[15_000])]));
        Assert.Equal(values.Where(double.IsFinite).Max(), thinValues.Where(double.IsFinite).Max());
    }

    [Fact]
    public void Thin_LimitBelowTheMinimum_Throws()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => SeriesThinning.Thin(new long[100], new double[100], SeriesThinning.MinPoints - 1));
    }

    [Fact]
    public void Thin_ArraysOfDifferentLengths_Throws()
    {
        Assert.Throws<ArgumentException>(() => SeriesThinning.Thin(new long[100], new double[99], MaxPoints));
    }

    private static double Trend(long step) => 2.0 * Math.Exp(-step / 200_000.0);

    private static (long[] Steps, double[] Values) Noisy(int count, int seed)
    {
        var random = new Random(seed);
        var steps = Enumerable.Range(0, count).Select(i => (long)i * 10).ToArray();
        var values = steps.Select(s => Trend(s) + random.NextDouble() * 0.05).ToArray();
        return (steps, values);
    }
}
