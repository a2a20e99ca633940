using Portal.Inference.Tta;

namespace Portal.Inference.Tests.Tta;

public sealed class TtaMergerTests
{
    // Two views of one image with 2 classes.
    private static readonly float[][] Views = [[0.8f, 0.2f], [0.5f, 0.5f]];

    [Theory]
    [InlineData(MergeMode.Mean, 0.65, 0.35)]
    // sqrt(0.4) = 0.632456, sqrt(0.1) = 0.316228; renormalised.
    [InlineData(MergeMode.GeometricMean, 0.666667, 0.333333)]
    // max: 0.8, 0.5 -> /1.3
    [InlineData(MergeMode.Max, 0.615385, 0.384615)]
    // min: 0.5, 0.2 -> /0.7
    [InlineData(MergeMode.Min, 0.714286, 0.285714)]
    // mean of square roots: (0.894427 + 0.707107) / 2 = 0.800767, (0.447214 + 0.707107) / 2 = 0.577160; renormalised.
    [InlineData(MergeMode.TSharpen, 0.581140, 0.418860)]
    public void Merge_TwoViews_EqualsHandComputed(MergeMode mode, double first, double second)
    {
        var merged = TtaMerger.Merge(Views, 2, mode);

        Assert.Equal(first, merged[0], 5);
        Assert.Equal(second, merged[1], 5);
    }

    [Fact]
    public void Merge_SeveralImages_MergesRowByRow()
    {
        float[][] views = [[1f, 0f, 0.25f, 0.75f], [0f, 1f, 0.75f, 0.25f]];

        var merged = TtaMerger.Merge(views, 2, MergeMode.Mean);

        Assert.Equal([0.5f, 0.5f, 0.5f, 0.5f], merged);
    }

    [Fact]
    public void Merge_GeometricMeanWithAZero_StaysFinite()
    {
        float[][] views = [[1f, 0f], [0.5f, 0.5f]];

        var merged = TtaMerger.Merge(views, 2, MergeMode.GeometricMean);

        Assert.Equal(1f, merged[0], 5);
        Assert.True(float.IsFinite(merged[1]));
    }

    [Theory]
    [InlineData("mean", MergeMode.Mean)]
    [InlineData("gmean", MergeMode.GeometricMean)]
    [InlineData("tsharpen", MergeMode.TSharpen)]
    public void TryParse_KnownNames_Parse(string name, MergeMode expected)
    {
        Assert.True(TtaMerger.TryParse(name, out var mode));
        Assert.Equal(expected, mode);
    }
}
