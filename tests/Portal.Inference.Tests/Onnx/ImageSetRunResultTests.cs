using Portal.Core.Competitions;
using Portal.Inference.Onnx;
using Portal.Inference.Tta;

namespace Portal.Inference.Tests.Onnx;

/// <summary>Runs of three single-head models combined into the classes, each view and the merge alike.</summary>
public sealed class ImageSetRunResultTests
{
    private static readonly AttributeHeads Heads = AttributeHeads.Of(ClassTaxonomy.MaskGenderAge)!;
    private static readonly TtaView[] Views = [TtaView.Identity, TtaView.HFlip];

    [Fact]
    public void CombineHeads_ThreeRuns_EachViewAndTheMergeAreTheProductOfTheHeads()
    {
        // Arrange: one image; the views differ, so each view is combined on its own.
        ImageSetRunResult Run(float[] identity, float[] flipped, float[] merged) => new(Views, [identity, flipped], merged, merged.Length);
        var mask = Run([0.5f, 0.3f, 0.2f], [0.2f, 0.3f, 0.5f], [0.35f, 0.3f, 0.35f]);
        var gender = Run([0.6f, 0.4f], [0.9f, 0.1f], [0.75f, 0.25f]);
        var age = Run([0.1f, 0.2f, 0.7f], [0.7f, 0.2f, 0.1f], [0.4f, 0.2f, 0.4f]);

        // Act
        var combined = ImageSetRunResult.CombineHeads(Heads, [mask, gender, age]);

        // Assert
        Assert.Equal(18, combined.Classes);
        Assert.Equal(1, combined.Images);
        Assert.Equal(Views, combined.Views);
        // class 13 = mask 2, gender 0, age 1
        Assert.Equal(0.2f * 0.6f * 0.2f, combined.PerView[0][13], 6);
        Assert.Equal(0.5f * 0.9f * 0.2f, combined.PerView[1][13], 6);
        Assert.Equal(0.35f * 0.75f * 0.2f, combined.Merged[13], 6);
        Assert.Equal(1, combined.Merged.Sum(), 5);
    }

    [Fact]
    public void CombineHeads_RunOfTheWrongWidth_Throws()
    {
        // Arrange: a three-value run where the gender head (two values) belongs.
        var three = new ImageSetRunResult([TtaView.Identity], [[0.2f, 0.3f, 0.5f]], [0.2f, 0.3f, 0.5f], 3);

        // Act
        var e = Assert.Throws<ArgumentException>(() => ImageSetRunResult.CombineHeads(Heads, [three, three, three]));

        // Assert
        Assert.Contains("head gender has 3 values", e.Message, StringComparison.Ordinal);
    }
}
