using Portal.Core.Trust;

namespace Portal.Core.Tests.Trust;

public sealed class KendallTauTests
{
    [Theory]
    // Against scipy.stats.kendalltau(x, y).statistic (scipy 1.10.1).
    [InlineData(new double[] { 1, 2, 3, 4, 5 }, new double[] { 1, 2, 3, 4, 5 }, 1.0)]
    [InlineData(new double[] { 1, 2, 3, 4, 5 }, new double[] { 5, 4, 3, 2, 1 }, -1.0)]
    [InlineData(new double[] { 1, 2, 3, 4, 5 }, new double[] { 2, 1, 4, 3, 5 }, 0.6)]
    [InlineData(new double[] { 1, 2, 2, 3, 4 }, new double[] { 1, 3, 2, 2, 4 }, 0.6666666666666666)]
    [InlineData(new double[] { 0.8, 0.7, 0.7, 0.6 }, new double[] { 0.75, 0.71, 0.76, 0.6 }, 0.5477225575051662)]
    public void TauB_EqualsScipy(double[] x, double[] y, double expected)
    {
        Assert.Equal(expected, KendallTau.TauB(x, y)!.Value, 12);
    }

    [Fact]
    public void TauB_ConstantOrTooShort_IsUndefined()
    {
        Assert.Null(KendallTau.TauB([1, 1, 1], [1, 2, 3]));
        Assert.Null(KendallTau.TauB([1], [1]));
        Assert.Null(KendallTau.TauB([], []));
    }
}
