using Portal.Inference.Preprocessing;
using Portal.Inference.Tests.Preprocessing;
using Portal.Inference.Tta;

namespace Portal.Inference.Tests.Tta;

public sealed class TtaViewTests
{
    // Pixel (x, y) of the 3x2 test image holds R = x, G = y: the source coordinates can be read back.
    private static (int X, int Y) SourceOf(PixelImage view, int x, int y) => (view.At(x, y)[0], view.At(x, y)[1]);

    [Theory]
    // symmetry, output x, output y, expected source x, source y for a 3x2 input (W = 3, H = 2).
    [InlineData(TtaSymmetry.Identity, 2, 1, 2, 1)]
    [InlineData(TtaSymmetry.HFlip, 0, 0, 2, 0)]
    [InlineData(TtaSymmetry.HFlip, 2, 1, 0, 1)]
    [InlineData(TtaSymmetry.VFlip, 0, 0, 0, 1)]
    [InlineData(TtaSymmetry.Rot180, 0, 0, 2, 1)]
    // numpy.rot90 (counter-clockwise): the top-right corner comes to the top-left.
    [InlineData(TtaSymmetry.Rot90, 0, 0, 2, 0)]
    [InlineData(TtaSymmetry.Rot90, 1, 2, 0, 1)]
    // A clockwise quarter: the bottom-left corner comes to the top-left.
    [InlineData(TtaSymmetry.Rot270, 0, 0, 0, 1)]
    [InlineData(TtaSymmetry.Rot270, 1, 2, 2, 0)]
    [InlineData(TtaSymmetry.Transpose, 1, 2, 2, 1)]
    [InlineData(TtaSymmetry.AntiTranspose, 0, 0, 2, 1)]
    public void Apply_AsymmetricImage_MovesEachPixelWhereTheTransformSays(TtaSymmetry symmetry, int x, int y, int sx, int sy)
    {
        var image = TestImages.Asymmetric(3, 2);
        var view = new TtaView { Symmetry = symmetry };

        var result = TtaViews.Apply(image, view);

        Assert.Equal(TtaViews.SwapsSides(view) ? (2, 3) : (3, 2), (result.Width, result.Height));
        Assert.Equal((sx, sy), SourceOf(result, x, y));
    }

    [Fact]
    public void Apply_Rot90FourTimes_IsIdentity()
    {
        var image = TestImages.Asymmetric(4, 3);

        var result = image;
        for (var i = 0; i < 4; i++)
        {
            result = TtaViews.Apply(result, TtaView.Rot90);
        }

        Assert.Equal(image.Pixels, result.Pixels);
    }

    [Fact]
    public void Apply_Composites_MatchTheirDefinitions()
    {
        var image = TestImages.Asymmetric(4, 4);
        var flipped = TtaViews.Apply(image, TtaView.HFlip);

        Assert.Equal(TtaViews.Apply(flipped, TtaView.Rot90).Pixels, TtaViews.Apply(image, TtaView.Transpose).Pixels);
        Assert.Equal(TtaViews.Apply(flipped, TtaView.Rot270).Pixels, TtaViews.Apply(image, TtaView.AntiTranspose).Pixels);
        Assert.Equal(TtaViews.Apply(flipped, TtaView.Rot180).Pixels, TtaViews.Apply(image, TtaView.VFlip).Pixels);
    }

    [Theory]
    [InlineData(TtaSymmetry.HFlip)]
    [InlineData(TtaSymmetry.Rot90)]
    [InlineData(TtaSymmetry.AntiTranspose)]
    public void TensorWriter_WithPermutation_EqualsWritingTheAppliedView(TtaSymmetry symmetry)
    {
        var view = new TtaView { Symmetry = symmetry };
        var image = TestImages.Asymmetric(4, 4);
        var writer = new TensorWriter(new PreprocessOptions { Width = 4, Height = 4 });
        var expected = new float[48];
        var actual = new float[48];

        writer.Write(TtaViews.Apply(image, view), expected);
        writer.Write(image, TtaViews.Permutation(view, 4, 4), actual);

        Assert.Equal(expected, actual);
    }

    [Fact]
    public void D4_SquareInput_GivesEightDistinctViews()
    {
        var image = TestImages.Asymmetric(5, 5);

        Assert.True(TtaPlan.TryGetViews("d4", 5, 5, out var views, out _));
        var distinct = views.Select(v => Convert.ToBase64String(TtaViews.Apply(image, v).Pixels)).Distinct().Count();

        Assert.Equal(8, views.Count);
        Assert.Equal(8, distinct);
    }

    [Theory]
    [InlineData("none", 1)]
    [InlineData("hflip", 2)]
    [InlineData("vflip", 2)]
    [InlineData("flip", 4)]
    [InlineData("rot90", 4)]
    public void TryGetViews_Presets_StartWithIdentity(string name, int count)
    {
        Assert.True(TtaPlan.TryGetViews(name, 8, 8, out var views, out _));

        Assert.Equal(count, views.Count);
        Assert.Equal(TtaView.Identity, views[0]);
    }

    [Theory]
    [InlineData("d4", "square")]
    [InlineData("rot90", "square")]
    [InlineData("sideways", "Unknown TTA")]
    public void TryGetViews_Unusable_SaysWhy(string name, string reason)
    {
        Assert.False(TtaPlan.TryGetViews(name, 6, 4, out _, out var problem));

        Assert.Contains(reason, problem, StringComparison.Ordinal);
    }

    [Fact]
    public void Unavailable_PortraitInput_NamesTheQuarterTurnPresetsWithTheSettingAndTheAlternatives()
    {
        var unavailable = TtaPlan.Unavailable(384, 512);

        Assert.Equal(["d4", "rot90"], unavailable.Keys.Order(StringComparer.Ordinal));
        Assert.Equal(
            "Test-time augmentation 'd4' turns the image by a quarter, which needs a square input size; 384x512 is not square. "
            + "Choose one of: none, hflip, vflip, flip, five-crop, ten-crop, multi-scale, brightness, or a square input size.",
            unavailable["d4"]);
    }

    [Fact]
    public void Unavailable_SquareInput_IsEmpty() => Assert.Empty(TtaPlan.Unavailable(224, 224));
}
