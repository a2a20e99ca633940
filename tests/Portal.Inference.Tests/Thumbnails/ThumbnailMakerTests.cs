using Portal.Inference.Tests.Preprocessing;
using Portal.Inference.Thumbnails;
using SkiaSharp;

namespace Portal.Inference.Tests.Thumbnails;

public sealed class ThumbnailMakerTests
{
    private static SKBitmap DecodeJpeg(byte[] bytes)
    {
        using var codec = SKCodec.Create(SKData.CreateCopy(bytes));
        Assert.NotNull(codec);
        Assert.Equal(SKEncodedImageFormat.Jpeg, codec.EncodedFormat);
        return SKBitmap.Decode(codec);
    }

    [Fact]
    public void Make_PortraitPng_ShrinksLongestEdgeToMaxKeepingAspect()
    {
        var png = TestImages.Png(384, 512, (x, y) => ((byte)x, (byte)y, 0));

        var thumb = ThumbnailMaker.Make(png, maxEdge: 128);

        using var bitmap = DecodeJpeg(thumb);
        Assert.Equal(96, bitmap.Width);
        Assert.Equal(128, bitmap.Height);
    }

    [Fact]
    public void Make_LandscapeImage_WidthIsTheLongestEdge()
    {
        var png = TestImages.Png(300, 100, (_, _) => (200, 10, 10));

        using var bitmap = DecodeJpeg(ThumbnailMaker.Make(png, maxEdge: 60));

        Assert.Equal(60, bitmap.Width);
        Assert.Equal(20, bitmap.Height);
        var centre = bitmap.GetPixel(30, 10);
        Assert.InRange(centre.Red, 180, 220);
        Assert.InRange(centre.Green, 0, 40);
    }

    [Fact]
    public void Make_SmallImage_IsNotEnlarged()
    {
        var png = TestImages.Png(40, 30, (_, _) => (1, 2, 3));

        using var bitmap = DecodeJpeg(ThumbnailMaker.Make(png, maxEdge: 128));

        Assert.Equal(40, bitmap.Width);
        Assert.Equal(30, bitmap.Height);
    }

    [Fact]
    public void Make_JpegInput_Works()
    {
        var png = TestImages.Png(256, 256, (x, y) => ((byte)x, (byte)y, 50));
        var jpeg = ThumbnailMaker.Make(png, maxEdge: 256);

        using var bitmap = DecodeJpeg(ThumbnailMaker.Make(jpeg, maxEdge: 64));

        Assert.Equal(64, bitmap.Width);
        Assert.Equal(64, bitmap.Height);
    }

    [Theory]
    [InlineData(new byte[] { })]
    [InlineData(new byte[] { 1, 2, 3, 4, 5 })]
    [InlineData(new byte[] { 0xFF, 0xD8, 0xFF, 0x00 })]
    public void Make_Garbage_ThrowsInvalidData(byte[] garbage)
    {
        Assert.Throws<InvalidDataException>(() => ThumbnailMaker.Make(garbage));
    }

    [Theory]
    [InlineData(384, 512, 128, 96, 128)]
    [InlineData(1, 1000, 128, 1, 128)]
    [InlineData(128, 128, 128, 128, 128)]
    public void FitWithin_KeepsAspect(int width, int height, int maxEdge, int expectedWidth, int expectedHeight)
    {
        Assert.Equal((expectedWidth, expectedHeight), ThumbnailMaker.FitWithin(width, height, maxEdge));
    }
}
