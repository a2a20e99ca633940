using SkiaSharp;

namespace Portal.Inference.Preprocessing;

/// <summary>
/// Decodes an image file with SkiaSharp (by <see cref="ImageDecoding"/>'s rule: a pixel cap, and no cut-off or damaged
/// image decoded in part) and resizes it to the model's input size as 8-bit RGB.
/// </summary>
public static class ImageLoader
{
    // Bilinear without mipmaps: what torchvision's Resize does without antialiasing, and cheap.
    private static readonly SKSamplingOptions Sampling = new(SKFilterMode.Linear, SKMipmapMode.None);

    /// <summary>Decodes <paramref name="path"/> and resizes it as <paramref name="options"/> say.</summary>
    /// <exception cref="InvalidDataException">The file is not an image SkiaSharp can decode, is over the pixel cap, cut off or damaged.</exception>
    public static PixelImage Load(string path, PreprocessOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        using var data = SKData.Create(path)
            ?? throw new InvalidDataException($"'{Path.GetFileName(path)}' could not be read.");
        return Decode(data, options, Path.GetFileName(path));
    }

    /// <summary>
    /// Decodes <paramref name="path"/>, resizes it as <paramref name="options"/> say and writes the RGB bytes into
    /// <paramref name="destination"/> (3 x width x height), allocating no pixel array.
    /// </summary>
    /// <exception cref="InvalidDataException">The file cannot be read, is not an image SkiaSharp can decode, is over the pixel cap, cut off or damaged.</exception>
    public static void LoadInto(string path, PreprocessOptions options, Span<byte> destination)
    {
        using var data = SKData.Create(path)
            ?? throw new InvalidDataException($"'{Path.GetFileName(path)}' could not be read.");
        LoadInto(data, Path.GetFileName(path), options, destination, ImageDecoding.DefaultMaxPixels);
    }

    /// <summary>
    /// As <see cref="LoadInto(string, PreprocessOptions, Span{byte})"/>, from the encoded bytes of an image read from
    /// anywhere (a file, a stored object), named <paramref name="name"/> in messages: what the cache builder calls.
    /// </summary>
    /// <exception cref="InvalidDataException">The bytes are not an image SkiaSharp can decode, are over the pixel cap, cut off or damaged.</exception>
    public static void LoadInto(ReadOnlySpan<byte> encoded, string name, PreprocessOptions options, Span<byte> destination) =>
        LoadInto(encoded, name, options, destination, ImageDecoding.DefaultMaxPixels);

    /// <summary>As <see cref="LoadInto(ReadOnlySpan{byte}, string, PreprocessOptions, Span{byte})"/>, with the host's pixel cap <paramref name="maxPixels"/>.</summary>
    public static void LoadInto(ReadOnlySpan<byte> encoded, string name, PreprocessOptions options, Span<byte> destination, long maxPixels)
    {
        using var data = SKData.CreateCopy(encoded);
        LoadInto(data, name, options, destination, maxPixels);
    }

    private static void LoadInto(SKData data, string name, PreprocessOptions options, Span<byte> destination, long maxPixels)
    {
        ArgumentNullException.ThrowIfNull(options);
        if (destination.Length != options.Width * options.Height * 3)
        {
            throw new ArgumentException("The destination must hold 3 bytes per pixel of the target size.", nameof(destination));
        }

        using var bitmap = ImageDecoding.Decode(data, name, maxPixels);
        if (bitmap.Width == options.Width && bitmap.Height == options.Height)
        {
            ToRgb(bitmap, destination);
            return;
        }

        using var resized = ResizeBitmap(bitmap, options);
        ToRgb(resized, destination);
    }

    /// <summary>Decodes encoded image bytes (JPEG, PNG, ...) and resizes them as <paramref name="options"/> say.</summary>
    public static PixelImage Decode(ReadOnlySpan<byte> encoded, PreprocessOptions options, string name = "image")
    {
        ArgumentNullException.ThrowIfNull(options);
        using var data = SKData.CreateCopy(encoded);
        return Decode(data, options, name);
    }

    /// <summary>Resizes an already decoded bitmap as <paramref name="options"/> say.</summary>
    public static PixelImage Resize(SKBitmap source, PreprocessOptions options)
    {
        ArgumentNullException.ThrowIfNull(source);
        ArgumentNullException.ThrowIfNull(options);
        using var rgba = ResizeBitmap(source, options);
        return ToRgb(rgba);
    }

    /// <summary>
    /// The source rectangle with the target's aspect ratio, centred, as large as fits: what is left after
    /// scaling the image to cover the target and cutting the overhang equally on both sides.
    /// </summary>
    public static SKRectI CenterCrop(int sourceWidth, int sourceHeight, int width, int height)
    {
        // Compare sourceWidth / sourceHeight with width / height without rounding.
        long wide = (long)sourceWidth * height;
        long tall = (long)sourceHeight * width;
        if (wide > tall)
        {
            var cropWidth = (int)Math.Round((double)sourceHeight * width / height);
            var left = (sourceWidth - cropWidth) / 2;
            return new SKRectI(left, 0, left + cropWidth, sourceHeight);
        }

        var cropHeight = (int)Math.Round((double)sourceWidth * height / width);
        var top = (sourceHeight - cropHeight) / 2;
        return new SKRectI(0, top, sourceWidth, top + cropHeight);
    }

    private static SKBitmap ResizeBitmap(SKBitmap source, PreprocessOptions options)
    {
        var crop = options.Resize == ResizeMode.Crop
            ? CenterCrop(source.Width, source.Height, options.Width, options.Height)
            : new SKRectI(0, 0, source.Width, source.Height);
        var rgba = new SKBitmap(new SKImageInfo(options.Width, options.Height, SKColorType.Rgba8888, SKAlphaType.Premul));
        using (var canvas = new SKCanvas(rgba))
        using (var image = SKImage.FromBitmap(source))
        {
            canvas.Clear(SKColors.Black);
            canvas.DrawImage(image, crop, new SKRect(0, 0, options.Width, options.Height), Sampling, null);
        }

        return rgba;
    }

    private static PixelImage Decode(SKData data, PreprocessOptions options, string name)
    {
        using var bitmap = ImageDecoding.Decode(data, name);
        if (bitmap.Width == options.Width && bitmap.Height == options.Height)
        {
            return ToRgb(bitmap);
        }

        return Resize(bitmap, options);
    }

    private static PixelImage ToRgb(SKBitmap rgba)
    {
        var pixels = new byte[checked(rgba.Width * rgba.Height * 3)];
        ToRgb(rgba, pixels);
        return new PixelImage(rgba.Width, rgba.Height, pixels);
    }

    private static void ToRgb(SKBitmap rgba, Span<byte> pixels)
    {
        var source = rgba.GetPixelSpan();
        var rowBytes = rgba.RowBytes;
        var o = 0;
        for (var y = 0; y < rgba.Height; y++)
        {
            var row = source.Slice(y * rowBytes, rgba.Width * 4);
            for (var x = 0; x < row.Length; x += 4)
            {
                pixels[o++] = row[x];
                pixels[o++] = row[x + 1];
                pixels[o++] = row[x + 2];
            }
        }
    }
}
