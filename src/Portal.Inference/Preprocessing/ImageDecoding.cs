using System.Globalization;
using SkiaSharp;

namespace Portal.Inference.Preprocessing;

/// <summary>
/// The one rule for turning an image file into pixels, for model runs, the decoded-image cache, thumbnails and the
/// hidden-set import alike: the size in the header is held to a pixel cap before any pixel memory is allocated
/// (long arithmetic, so no size overflows), and an image whose data is cut off or damaged is refused by name
/// instead of being decoded in part. Every refusal is an <see cref="InvalidDataException"/> with one sentence.
/// </summary>
public static class ImageDecoding
{
    /// <summary>The default cap: 40 megapixels (160 MB decoded), far above any photo a classifier is trained on.</summary>
    public const long DefaultMaxPixels = 40_000_000;

    /// <summary>
    /// Decodes <paramref name="data"/> at full size into an RGBA bitmap: opaque by default (a PNG's alpha dropped and
    /// its colours kept, as PIL's <c>convert("RGB")</c> does), premultiplied with its alpha when <paramref name="keepAlpha"/>.
    /// </summary>
    /// <exception cref="InvalidDataException">Not an image, over <paramref name="maxPixels"/>, cut off or damaged; the message names <paramref name="name"/>.</exception>
    public static SKBitmap Decode(SKData data, string name, long maxPixels = DefaultMaxPixels, bool keepAlpha = false)
    {
        ArgumentNullException.ThrowIfNull(data);
        using var codec = Open(data, name, maxPixels);
        var info = new SKImageInfo(codec.Info.Width, codec.Info.Height, SKColorType.Rgba8888, keepAlpha ? SKAlphaType.Premul : SKAlphaType.Unpremul);
        var bitmap = new SKBitmap(keepAlpha ? info : info.WithAlphaType(SKAlphaType.Opaque));
        try
        {
            Check(codec.GetPixels(info, bitmap.GetPixels()), name);
        }
        catch
        {
            bitmap.Dispose();
            throw;
        }

        return bitmap;
    }

    /// <summary>
    /// Checks the image file at <paramref name="path"/> as <see cref="Decode"/> would, keeping no pixels: it is decoded
    /// at the smallest scale its codec offers (a JPEG at 1/8), which still reads all of its data, so a cut-off file shows.
    /// </summary>
    /// <exception cref="InvalidDataException">Unreadable, not an image, over <paramref name="maxPixels"/>, cut off or damaged; the message names the file.</exception>
    public static void Verify(string path, long maxPixels = DefaultMaxPixels)
    {
        var name = Path.GetFileName(path);
        using var data = SKData.Create(path) ?? throw new InvalidDataException($"'{name}' could not be read.");
        using var codec = Open(data, name, maxPixels);
        var size = codec.GetScaledDimensions(1f / 8);
        var info = new SKImageInfo(size.Width, size.Height, SKColorType.Rgba8888, SKAlphaType.Unpremul);
        using var bitmap = new SKBitmap(info);
        Check(codec.GetPixels(info, bitmap.GetPixels()), name);
    }

    /// <summary>The refusal of an image of <paramref name="width"/> x <paramref name="height"/> pixels, or null when it is within <paramref name="maxPixels"/>.</summary>
    public static string? SizeProblem(string name, long width, long height, long maxPixels)
    {
        if (width <= 0 || height <= 0)
        {
            return $"'{name}' has no pixels ({width} x {height}).";
        }

        return width * height <= maxPixels
            ? null
            : string.Create(CultureInfo.InvariantCulture,
                $"'{name}' is {width:N0} x {height:N0} pixels ({width * height / 1e6:0.#} megapixels), more than the limit of {maxPixels / 1e6:0.#} megapixels per image; scale it down.");
    }

    private static SKCodec Open(SKData data, string name, long maxPixels)
    {
        // SKCodec.Create reads the header only: nothing the size of the image is allocated yet.
        var codec = SKCodec.Create(data)
            ?? throw new InvalidDataException($"'{name}' is not an image that can be decoded (JPEG, PNG, WebP, BMP, GIF).");
        if (SizeProblem(name, codec.Info.Width, codec.Info.Height, maxPixels) is { } problem)
        {
            codec.Dispose();
            throw new InvalidDataException(problem);
        }

        return codec;
    }

    private static void Check(SKCodecResult result, string name)
    {
        switch (result)
        {
            case SKCodecResult.Success:
                return;
            case SKCodecResult.IncompleteInput:
                throw new InvalidDataException(
                    $"'{name}' is cut off: its data ends before the image is complete (an interrupted copy or download?); copy the file again.");
            case SKCodecResult.ErrorInInput:
                throw new InvalidDataException($"'{name}' is damaged: part of its data is corrupt, so only part of the image decodes; copy or export it again.");
            default:
                throw new InvalidDataException($"'{name}' could not be decoded ({result}).");
        }
    }
}
