using Portal.Inference.Preprocessing;
using Portal.Inference.Tests.Preprocessing;
using Portal.Inference.Tta;

namespace Portal.Inference.Tests.Tta;

/// <summary>
/// The views beyond D4 on hand-checked tiny images. A 14x7 input caches at 16x8 (14 / 0.875 = 16, 7 / 0.875 = 8):
/// 2 spare columns and 1 spare row, so the centre crop starts at column 1 and, rounding half to even as
/// torchvision does, row 0.
/// </summary>
public sealed class CropScaleBrightnessViewTests
{
    private const int InputWidth = 14;
    private const int InputHeight = 7;

    // Writes the 8-bit values unchanged (scale 1, mean 0, std 1), so float outputs read as pixel values.
    private static readonly PreprocessOptions Raw = new() { Width = 4, Height = 4, Scale = 1, Mean = [0, 0, 0], Std = [1, 1, 1] };

    // Pixel (x, y) of an asymmetric image holds R = x, G = y.
    private static (int X, int Y) SourceOf(PixelImage view, int x, int y) => (view.At(x, y)[0], view.At(x, y)[1]);

    [Fact]
    public void BaseSize_Crops_IsInputOverCropFraction()
    {
        Assert.True(TtaPlan.TryGetViews("five-crop", 224, 224, out var views, out _));

        Assert.Equal((256, 256), TtaViews.BaseSize(views, 224, 224));
        Assert.Equal((InputWidth + 2, InputHeight + 1), TtaViews.BaseSize(views, InputWidth, InputHeight));
        Assert.Equal((224, 224), TtaViews.BaseSize([TtaView.Identity, TtaView.Zoomed(1.2f)], 224, 224));
    }

    [Theory]
    // crop, view x, view y, expected source x, source y in the 16x8 cached image.
    [InlineData(CropPosition.TopLeft, 0, 0, 0, 0)]
    [InlineData(CropPosition.TopLeft, 13, 6, 13, 6)]
    [InlineData(CropPosition.TopRight, 0, 0, 2, 0)]
    [InlineData(CropPosition.TopRight, 13, 6, 15, 6)]
    [InlineData(CropPosition.BottomLeft, 0, 0, 0, 1)]
    [InlineData(CropPosition.BottomRight, 0, 0, 2, 1)]
    [InlineData(CropPosition.BottomRight, 13, 6, 15, 7)]
    [InlineData(CropPosition.Center, 0, 0, 1, 0)]
    [InlineData(CropPosition.Center, 13, 6, 14, 6)]
    public void Crop_CachedImage_TakesTheInputSizedWindowAtItsPosition(CropPosition position, int x, int y, int sx, int sy)
    {
        var cached = TestImages.Asymmetric(InputWidth + 2, InputHeight + 1);

        var view = TtaViews.Apply(cached, TtaView.Cropped(position), InputWidth, InputHeight);

        Assert.Equal((InputWidth, InputHeight), (view.Width, view.Height));
        Assert.Equal((sx, sy), SourceOf(view, x, y));
    }

    [Theory]
    [InlineData(CropPosition.TopLeft, 0, 0, 13, 0)]
    [InlineData(CropPosition.TopLeft, 13, 0, 0, 0)]
    [InlineData(CropPosition.BottomRight, 0, 6, 15, 7)]
    [InlineData(CropPosition.Center, 0, 0, 14, 0)]
    public void FlippedCrop_IsTheCropMirrored(CropPosition position, int x, int y, int sx, int sy)
    {
        var cached = TestImages.Asymmetric(InputWidth + 2, InputHeight + 1);

        var view = TtaViews.Apply(cached, TtaView.Cropped(position, flip: true), InputWidth, InputHeight);

        Assert.Equal((sx, sy), SourceOf(view, x, y));
    }

    [Theory]
    [InlineData("five-crop", 5)]
    [InlineData("ten-crop", 10)]
    [InlineData("multi-scale", 3)]
    [InlineData("brightness", 3)]
    public void Presets_GiveDistinctViews(string name, int count)
    {
        Assert.True(TtaPlan.TryGetViews(name, InputWidth, InputHeight, out var views, out var problem), problem);
        var (baseWidth, baseHeight) = TtaViews.BaseSize(views, InputWidth, InputHeight);
        var cached = TestImages.Asymmetric(baseWidth, baseHeight);

        var distinct = views.Select(v => Convert.ToBase64String(TtaViews.Apply(cached, v, InputWidth, InputHeight).Pixels)).Distinct().Count();

        Assert.Equal(count, views.Count);
        Assert.Equal(count, distinct);
        Assert.Equal(count, views.Select(TtaViews.Name).Distinct().Count());
    }

    [Fact]
    public void Names_SayWhatTheViewDoes()
    {
        Assert.Equal("identity", TtaViews.Name(TtaView.Identity));
        Assert.Equal("rot90", TtaViews.Name(TtaView.Rot90));
        Assert.Equal("crop-top-left", TtaViews.Name(TtaView.Cropped(CropPosition.TopLeft)));
        Assert.Equal("crop-center+hflip", TtaViews.Name(TtaView.Cropped(CropPosition.Center, flip: true)));
        Assert.Equal("zoom-1.1", TtaViews.Name(TtaView.Zoomed(1.1f)));
        Assert.Equal("brightness-0.9", TtaViews.Name(TtaView.Brightened(0.9f)));
    }

    [Fact]
    public void Zoom_Two_ResamplesTheCentralHalfBilinearly()
    {
        // A 4-wide window zoomed by 2 shows columns 1..3 (centre half): with pixel centres at +0.5 the view's
        // columns sample source x = 0.75, 1.25, 1.75, 2.25, and R = x, so those are the values.
        var cached = TestImages.Asymmetric(4, 4);
        var writer = new ViewWriter(TtaView.Zoomed(2), Raw, 4, 4);
        var output = new float[48];

        writer.Write(cached.Pixels, output);

        Assert.Equal(new[] { 0.75f, 1.25f, 1.75f, 2.25f }, output[..4]);
        // Green (= y) along the first column: the same positions vertically.
        Assert.Equal(new[] { 0.75f, 1.25f, 1.75f, 2.25f }, new[] { output[16], output[20], output[24], output[28] });
    }

    [Fact]
    public void Zoom_One_IsTheIdentity()
    {
        Assert.Equal(TtaView.Identity, TtaView.Zoomed(1));
        Assert.True(TtaPlan.TryGetViews("multi-scale", 8, 8, out var views, out _));
        Assert.Equal(TtaView.Identity, views[0]);
    }

    [Theory]
    // factor, 8-bit value, expected value before scaling: multiplied, clamped to 255, not rounded.
    [InlineData(1.1f, 200, 220f)]
    [InlineData(1.1f, 240, 255f)]
    [InlineData(0.9f, 255, 229.5f)]
    [InlineData(0.9f, 0, 0f)]
    public void Brightness_MultipliesAndClampsThroughTheTable(float factor, int value, float expected)
    {
        var solid = new PixelImage(4, 4, Enumerable.Repeat((byte)value, 48).ToArray());
        var writer = new ViewWriter(TtaView.Brightened(factor), Raw, 4, 4);
        var output = new float[48];

        writer.Write(solid.Pixels, output);

        Assert.All(output, v => Assert.Equal(expected, v, 3));
    }

    [Fact]
    public void Brightness_WithNormalisation_ScalesBeforeTheMeanIsTaken()
    {
        var options = new PreprocessOptions { Width = 2, Height = 2, Mean = [0.5f, 0.5f, 0.5f], Std = [0.25f, 0.25f, 0.25f] };
        var solid = Enumerable.Repeat((byte)100, 12).ToArray();
        var output = new float[12];

        new ViewWriter(TtaView.Brightened(1.1f), options, 2, 2).Write(solid, output);

        Assert.Equal(((110f / 255f) - 0.5f) / 0.25f, output[0], 5);
    }

    [Theory]
    [InlineData("ten-crop", ChannelOrder.Rgb)]
    [InlineData("ten-crop", ChannelOrder.Bgr)]
    [InlineData("d4", ChannelOrder.Bgr)]
    public void ViewWriter_ExactViews_EqualsNormalisingTheMaterialisedView(string preset, ChannelOrder channels)
    {
        var options = new PreprocessOptions { Width = InputWidth, Height = InputWidth, Channels = channels };
        Assert.True(TtaPlan.TryGetViews(preset, InputWidth, InputWidth, out var views, out _));
        var (baseWidth, baseHeight) = TtaViews.BaseSize(views, InputWidth, InputWidth);
        var cached = TestImages.Asymmetric(baseWidth, baseHeight);
        var reference = new TensorWriter(options);
        var length = 3 * InputWidth * InputWidth;

        foreach (var view in views)
        {
            var expected = new float[length];
            var actual = new float[length];
            reference.Write(TtaViews.Apply(cached, view, InputWidth, InputWidth), expected);
            new ViewWriter(view, options, baseWidth, baseHeight).Write(cached.Pixels, actual);

            Assert.Equal(expected, actual);
        }
    }

    [Fact]
    public void Zoom_BelowOne_IsRefused()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => TtaView.Zoomed(0.5f));
        Assert.Throws<ArgumentOutOfRangeException>(() => TtaView.Brightened(0));
    }
}
