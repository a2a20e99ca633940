using Portal.Inference.Preprocessing;
using SkiaSharp;

namespace Portal.Inference.Thumbnails;

/// <summary>Makes small JPEG previews of images: decoded with SkiaSharp, shrunk keeping the aspect ratio, re-encoded.</summary>
public static class ThumbnailMaker
{
    /// <summary>The default longest edge of a thumbnail, in pixels.</summary>
    public const int DefaultMaxEdge = 128;

    /// <summary>The default JPEG quality (0-100).</summary>
    public const int DefaultQuality = 80;

    // Shrinking: linear filtering with mipmaps avoids the aliasing of a plain bilinear downscale.
    private static readonly SKSamplingOptions Sampling = new(SKFilterMode.Linear, SKMipmapMode.Linear);

    /// <summary>
    /// Decodes <paramref name="encoded"/> (JPEG, PNG, ...) and returns a JPEG whose longest edge is at most
    /// <paramref name="maxEdge"/> (images already smaller are not enlarged).
    /// </summary>
    /// <exception cref="InvalidDataException">The bytes are not an image SkiaSharp can decode, are over <paramref name="maxPixels"/>, cut off or damaged (see <see cref="ImageDecoding"/>).</exception>
    public static byte[] Make(ReadOnlySpan<byte> encoded, int maxEdge = DefaultMaxEdge, int quality = DefaultQuality,
        string name = "image", long maxPixels = ImageDecoding.DefaultMaxPixels)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(maxEdge, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(quality, 0);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(quality, 100);
        using var data = SKData.CreateCopy(encoded);
        using var source = ImageDecoding.Decode(data, name, maxPixels, keepAlpha: true);

        var (width, height) = FitWithin(source.Width, source.Height, maxEdge);
        using var target = new SKBitmap(new SKImageInfo(width, height, SKColorType.Rgba8888, SKAlphaType.Premul));
        using (var canvas = new SKCanvas(target))
        using (var image = SKImage.FromBitmap(source))
        {
            // JPEG has no alpha: transparent areas become white rather than black.
            canvas.Clear(SKColors.White);
            canvas.DrawImage(image, new SKRect(0, 0, width, height), Sampling, null);
        }

        using var pixmap = target.PeekPixels();
        using var jpeg = pixmap.Encode(new SKJpegEncoderOptions(quality, SKJpegEncoderDownsample.Downsample420, SKJpegEncoderAlphaOption.Ignore))
            ?? throw new InvalidDataException("The thumbnail could not be encoded.");
        return jpeg.ToArray();
    }

    /// <summary>The size of a <paramref name="width"/> x <paramref name="height"/> image scaled down so its longest edge is at most <paramref name="maxEdge"/>.</summary>
    public static (int Width, int Height) FitWithin(int width, int height, int maxEdge)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(width, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(height, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(maxEdge, 1);
        var longest = Math.Max(width, height);
        if (longest <= maxEdge)
        {
            return (width, height);
        }

        var scale = (double)maxEdge / longest;
        return (Math.Max(1, (int)Math.Round(width * scale)), Math.Max(1, (int)Math.Round(height * scale)));
    }
}
