using Portal.TrainingRuns.Series;
using Portal.TrainingRuns.Tests.Fixtures;

namespace Portal.TrainingRuns.Tests.Support;

/// <summary>Exact comparison of read series with what a fixture wrote.</summary>
internal static class SeriesAssert
{
    /// <summary>The series of <paramref name="expected"/>'s run and tag exists and holds exactly its points, bit for bit.</summary>
    public static void Equal(ExpectedSeries expected, TrainingRunSet set)
    {
        var series = Assert.Single(set.Series, s => s.Run == expected.Run && s.Tag == expected.Tag);
        Assert.Equal(expected.Steps, series.Steps.ToArray());
        Assert.Equal(expected.Values, series.Values.ToArray());
        Assert.Equal(expected.WallTimes, series.WallTimes.ToArray());
    }

    /// <summary>The series <paramref name="run"/> / <paramref name="tag"/> of <paramref name="set"/>.</summary>
    public static ScalarSeries Find(TrainingRunSet set, string run, string tag) =>
        Assert.Single(set.Series, s => s.Run == run && s.Tag == tag);
}
