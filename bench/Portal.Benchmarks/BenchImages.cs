using System.Globalization;
using SkiaSharp;

namespace Portal.Benchmarks;

/// <summary>
/// Synthetic 384x512 JPEGs (the hidden set's size) under bench/data/jpeg-384x512, drawn once and reused: smooth
/// gradients with mild noise and a few shapes, so they compress and decode like photos rather than like noise.
/// </summary>
internal static class BenchImages
{
    public const int Width = 384;
    public const int Height = 512;
    private const int Quality = 90;
    private const int NoiseAmplitude = 24;
    private const int Shapes = 6;

    public static string Folder => BenchPaths.Data($"jpeg-{Width}x{Height}");

    /// <summary>The first <paramref name="count"/> images, drawing those missing (in parallel).</summary>
    public static IReadOnlyList<string> Ensure(int count)
    {
        Directory.CreateDirectory(Folder);
        var paths = Enumerable.Range(0, count).Select(i => Path.Combine(Folder, string.Create(CultureInfo.InvariantCulture, $"img{i:D5}.jpg"))).ToArray();
        Parallel.For(0, count, i =>
        {
            if (!File.Exists(paths[i]))
            {
                var temporary = paths[i] + ".tmp";
                File.WriteAllBytes(temporary, Draw(i));
                File.Move(temporary, paths[i], overwrite: true);
            }
        });
        return paths;
    }

    private static byte[] Draw(int seed)
    {
        var random = new Random(seed);
        var pixels = new byte[Width * Height * 4];
        int r0 = random.Next(256), g0 = random.Next(256), b0 = random.Next(256);
        for (var y = 0; y < Height; y++)
        {
            for (var x = 0; x < Width; x++)
            {
                var o = ((y * Width) + x) * 4;
                var noise = random.Next(-NoiseAmplitude, NoiseAmplitude + 1);
                pixels[o] = (byte)Math.Clamp(r0 + (x / 3) + noise, 0, 255);
                pixels[o + 1] = (byte)Math.Clamp(g0 + (y / 4) + noise, 0, 255);
                pixels[o + 2] = (byte)Math.Clamp(b0 - ((x + y) / 6) + noise, 0, 255);
                pixels[o + 3] = 255;
            }
        }

        var info = new SKImageInfo(Width, Height, SKColorType.Rgba8888, SKAlphaType.Opaque);
        using var bitmap = new SKBitmap(info);
        using (var raster = SKImage.FromPixelCopy(info, pixels))
        using (var canvas = new SKCanvas(bitmap))
        using (var paint = new SKPaint { IsAntialias = true })
        {
            canvas.DrawImage(raster, 0, 0, SKSamplingOptions.Default, null);
            for (var s = 0; s < Shapes; s++)
            {
                paint.Color = new SKColor((byte)random.Next(256), (byte)random.Next(256), (byte)random.Next(256));
                canvas.DrawCircle(random.Next(Width), random.Next(Height), random.Next(20, 120), paint);
            }
        }

        using var image = SKImage.FromBitmap(bitmap);
        using var data = image.Encode(SKEncodedImageFormat.Jpeg, Quality);
        return data.ToArray();
    }
}
