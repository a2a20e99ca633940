using Portal.Inference.Preprocessing;
using SkiaSharp;

namespace Portal.Inference.Tests.Preprocessing;

/// <summary>Small images with known pixels, as PNG bytes (lossless) or as <see cref="PixelImage"/>s.</summary>
internal static class TestImages
{
    /// <summary>A PNG whose pixel (x, y) is <paramref name="colour"/>(x, y).</summary>
    public static byte[] Png(int width, int height, Func<int, int, (byte R, byte G, byte B)> colour, byte alpha = 255)
    {
        using var bitmap = new SKBitmap(new SKImageInfo(width, height, SKColorType.Rgba8888, SKAlphaType.Unpremul));
        for (var y = 0; y < height; y++)
        {
            for (var x = 0; x < width; x++)
            {
                var (r, g, b) = colour(x, y);
                bitmap.SetPixel(x, y, new SKColor(r, g, b, alpha));
            }
        }

        using var image = SKImage.FromBitmap(bitmap);
        using var data = image.Encode(SKEncodedImageFormat.Png, 100);
        return data.ToArray();
    }

    /// <summary>An image whose pixel (x, y) is (x, y, 10x + y): every pixel differs, so no symmetry hides a mistake.</summary>
    public static PixelImage Asymmetric(int width, int height)
    {
        var pixels = new byte[width * height * 3];
        for (var y = 0; y < height; y++)
        {
            for (var x = 0; x < width; x++)
            {
                var o = ((y * width) + x) * 3;
                pixels[o] = (byte)x;
                pixels[o + 1] = (byte)y;
                pixels[o + 2] = (byte)((10 * x) + y);
            }
        }

        return new PixelImage(width, height, pixels);
    }
}
