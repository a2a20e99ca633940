using Portal.Inference.Preprocessing;
using Portal.Inference.Tests.Support;
using Portal.Inference.Thumbnails;
using SkiaSharp;

namespace Portal.Inference.Tests.Preprocessing;

/// <summary>The one decode rule: a pixel cap read from the header, and no cut-off image decoded in part.</summary>
public sealed class ImageDecodingTests : IDisposable
{
    private static readonly PreprocessOptions Size = new() { Width = 8, Height = 8 };
    private readonly TempFolder _dir = new();

    public void Dispose() => _dir.Dispose();

    [Theory]
    [InlineData(20_000, 20_000, "20,000 x 20,000 pixels (400 megapixels)")]
    [InlineData(26_800, 26_800, "26,800 x 26,800 pixels (718.2 megapixels)")]
    public void Verify_HeaderClaimsTooManyPixels_RefusesNamingFileAndSize(int width, int height, string size)
    {
        var path = Write("huge.png", TestImages.PngClaiming(width, height));

        var e = Assert.Throws<InvalidDataException>(() => ImageDecoding.Verify(path));

        Assert.StartsWith($"'huge.png' is {size}", e.Message, StringComparison.Ordinal);
        Assert.EndsWith("more than the limit of 40 megapixels per image; scale it down.", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void LoadInto_HeaderClaimsTooManyPixels_IsRefusedByTheSameRule()
    {
        var path = Write("huge.png", TestImages.PngClaiming(20_000, 20_000));

        var e = Assert.Throws<InvalidDataException>(() => ImageLoader.LoadInto(path, Size, new byte[8 * 8 * 3]));

        Assert.Contains("'huge.png' is 20,000 x 20,000 pixels", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void ThumbnailMake_HeaderClaimsTooManyPixels_IsRefusedByTheSameRule()
    {
        var e = Assert.Throws<InvalidDataException>(() => ThumbnailMaker.Make(TestImages.PngClaiming(20_000, 20_000), name: "huge.png"));

        Assert.Contains("'huge.png' is 20,000 x 20,000 pixels", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Verify_UnderALowerCap_RefusesWhatTheDefaultAccepts()
    {
        var path = Write("small.png", TestImages.Png(40, 30, (x, y) => ((byte)x, (byte)y, 0)));

        ImageDecoding.Verify(path);
        var e = Assert.Throws<InvalidDataException>(() => ImageDecoding.Verify(path, maxPixels: 1000));

        Assert.Contains("'small.png' is 40 x 30 pixels", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void SizeProblem_ProductBeyondInt_DoesNotOverflow()
    {
        Assert.NotNull(ImageDecoding.SizeProblem("x.png", 65_536, 65_536, ImageDecoding.DefaultMaxPixels));
        Assert.Null(ImageDecoding.SizeProblem("x.png", 8_000, 5_000, ImageDecoding.DefaultMaxPixels));
    }

    [Theory]
    [InlineData(0.5)]
    [InlineData(0.9)]
    public void Verify_CutOffJpeg_RefusesSayingItIsCutOff(double kept)
    {
        var path = Write("cut.jpg", TestImages.CutJpeg(64, 48, kept));

        var e = Assert.Throws<InvalidDataException>(() => ImageDecoding.Verify(path));

        Assert.StartsWith("'cut.jpg' is cut off", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void LoadAndThumbnail_CutOffJpeg_AreRefusedByTheSameRule()
    {
        var bytes = TestImages.CutJpeg(64, 48, 0.6);
        var path = Write("cut.jpg", bytes);

        Assert.StartsWith("'cut.jpg' is cut off", Assert.Throws<InvalidDataException>(() => ImageLoader.Load(path, Size)).Message, StringComparison.Ordinal);
        Assert.StartsWith("'cut.jpg' is cut off", Assert.Throws<InvalidDataException>(() => ImageLoader.LoadInto(path, Size, new byte[8 * 8 * 3])).Message, StringComparison.Ordinal);
        Assert.StartsWith("'cut.jpg' is cut off", Assert.Throws<InvalidDataException>(() => ThumbnailMaker.Make(bytes, name: "cut.jpg")).Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Verify_CutOffPng_RefusesSayingItIsCutOff()
    {
        var png = TestImages.Png(64, 64, (x, y) => ((byte)(x * 3), (byte)(y * 3), (byte)(x ^ y)));
        var path = Write("cut.png", png[..(png.Length * 2 / 3)]);

        var e = Assert.Throws<InvalidDataException>(() => ImageDecoding.Verify(path));

        Assert.StartsWith("'cut.png' is cut off", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Verify_WholeImages_Pass()
    {
        ImageDecoding.Verify(Write("whole.jpg", TestImages.CutJpeg(64, 48, 1.0)));
        ImageDecoding.Verify(Write("whole.png", TestImages.Png(9, 7, (x, y) => ((byte)x, (byte)y, 1))));
    }

    [Fact]
    public void Decode_KeepAlpha_KeepsTransparencyElseDropsIt()
    {
        using var data = SKData.CreateCopy(TestImages.Png(2, 2, (_, _) => (200, 100, 50), alpha: 0));

        using var opaque = ImageDecoding.Decode(data, "a.png");
        using var transparent = ImageDecoding.Decode(data, "a.png", keepAlpha: true);

        var kept = opaque.GetPixel(0, 0);
        Assert.Equal(SKAlphaType.Opaque, opaque.AlphaType);
        Assert.Equal((200, 100, 50), (kept.Red, kept.Green, kept.Blue));
        Assert.Equal(0, transparent.GetPixel(0, 0).Alpha);
    }

    private string Write(string name, byte[] bytes)
    {
        var path = _dir.File(name);
        File.WriteAllBytes(path, bytes);
        return path;
    }
}
