using Portal.Inference.Synthetic;
using SkiaSharp;

namespace Portal.Inference.Tests.Synthetic;

public sealed class SyntheticFaceRenderTests
{
    private static readonly SyntheticFaceOptions Options = SyntheticFaceOptions.Default;
    private static readonly IReadOnlyList<SyntheticFaceLabel> Plan = SyntheticFaceGenerator.Plan(Options);

    [Theory]
    [InlineData(".jpg", SKEncodedImageFormat.Jpeg)]
    [InlineData(".jpeg", SKEncodedImageFormat.Jpeg)]
    [InlineData(".png", SKEncodedImageFormat.Png)]
    public void Render_PlannedImage_DecodesAtRequestedSizeInTheExtensionsFormat(string extension, SKEncodedImageFormat format)
    {
        var item = Plan.First(i => i.ImageId.EndsWith(extension, StringComparison.Ordinal));

        var bytes = SyntheticFaceGenerator.Render(item, Options);

        using var codec = SKCodec.Create(new SKMemoryStream(bytes));
        Assert.NotNull(codec);
        Assert.Equal(format, codec.EncodedFormat);
        using var bitmap = SKBitmap.Decode(bytes);
        Assert.NotNull(bitmap);
        Assert.Equal((384, 512), (bitmap.Width, bitmap.Height));
    }

    [Fact]
    public void Render_OtherSize_DecodesAtThatSize()
    {
        var options = Options with { Width = 96, Height = 128 };

        using var bitmap = SKBitmap.Decode(SyntheticFaceGenerator.Render(Plan[3], options));

        Assert.Equal((96, 128), (bitmap.Width, bitmap.Height));
    }

    [Fact]
    public void Render_SameItemTwice_IdenticalBytes()
    {
        foreach (var item in new[] { Plan[0], Plan.First(i => i.IsPng) })
        {
            Assert.Equal(SyntheticFaceGenerator.Render(item, Options), SyntheticFaceGenerator.Render(item, Options));
        }
    }

    [Fact]
    public void Render_PhotosOfOnePerson_DifferFromEachOther()
    {
        var first = Pixels(Plan[0]);
        var second = Pixels(Plan[1]);

        Assert.True(MeanDifference(first, second, 0, 512) > 5, "Pose, background and mask should vary between photos.");
    }

    [Theory]
    [InlineData(0)]
    [InlineData(21)]
    [InlineData(84)]
    [InlineData(140)]
    public void Render_MaskStatesOfOnePhoto_DifferInTheLowerFaceNotAbove(int person)
    {
        // The same photo (pose, light, noise come from person and index only) with each mask state:
        // only the mask is drawn differently, so nose, mouth and chin change and forehead and hair do not.
        var worn = Plan.Single(i => i.Person == person && i.Index == 0);
        var wornPixels = Pixels(worn);
        var incorrect = Pixels(worn with { Mask = MaskState.Incorrect });
        var notWorn = Pixels(worn with { Mask = MaskState.NotWear });

        foreach (var other in new[] { incorrect, notWorn })
        {
            var upper = MeanDifference(wornPixels, other, 0, 180);
            var lower = MeanDifference(wornPixels, other, 220, 400);
            Assert.True(lower > 2, $"The lower face should change with the mask (mean difference {lower:F2}).");
            Assert.True(lower > 10 * upper, $"Lower {lower:F2} should exceed ten times upper {upper:F2}.");
        }

        // A mask worn incorrectly still covers the chin; without one the chin shows.
        Assert.True(MeanDifference(incorrect, notWorn, 250, 390) > 3);
    }

    private static byte[] Pixels(SyntheticFaceLabel item)
    {
        // Decoded from PNG so that JPEG artefacts do not blur the comparison.
        var png = item.IsPng ? item : item with { ImageId = Path.ChangeExtension(item.ImageId, ".png") };
        using var bitmap = SKBitmap.Decode(SyntheticFaceGenerator.Render(png, Options));
        using var rgba = bitmap.Copy(SKColorType.Rgba8888);
        return rgba.GetPixelSpan().ToArray();
    }

    private static double MeanDifference(byte[] a, byte[] b, int fromRow, int toRow)
    {
        const int stride = 384 * 4;
        long total = 0;
        for (var i = fromRow * stride; i < toRow * stride; i++)
        {
            total += Math.Abs(a[i] - b[i]);
        }

        return total / (double)((toRow - fromRow) * stride);
    }
}
