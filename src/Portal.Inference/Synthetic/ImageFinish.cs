using System.Runtime.InteropServices;
using Portal.Core.Randomness;
using SkiaSharp;

namespace Portal.Inference.Synthetic;

/// <summary>
/// The photo's backdrop and the camera's part: focus blur, uneven light, exposure, white balance and sensor
/// noise. These touch every pixel, so they are plain loops over the bitmap rather than Skia draws, which on
/// the small machines the portal seeds on cost several milliseconds per full-image blend.
/// </summary>
internal static class ImageFinish
{
    // Two uniform bytes summed: a triangular distribution on [-255, 255] whose standard deviation is 255/sqrt(6).
    private const float TriangularStdDev = 104.1f;

    /// <summary>Fills the bitmap with the background's vertical gradient, before anything is drawn on it.</summary>
    public static void FillBackground(SKBitmap bitmap, ShotSetup shot)
    {
        var pixels = MemoryMarshal.Cast<byte, uint>(Pixels(bitmap));
        var (width, height) = (bitmap.Width, bitmap.Height);
        for (var y = 0; y < height; y++)
        {
            var c = Colors.Lerp(shot.BackgroundTop, shot.BackgroundBottom, y / (float)(height - 1));
            var packed = BitConverter.IsLittleEndian
                ? c.Red | (uint)c.Green << 8 | (uint)c.Blue << 16 | 0xFF00_0000u
                : (uint)c.Red << 24 | (uint)c.Green << 16 | (uint)c.Blue << 8 | 0xFFu;
            pixels.Slice(y * width, width).Fill(packed);
        }
    }

    public static void Apply(SKBitmap bitmap, ShotSetup shot)
    {
        var pixels = Pixels(bitmap);
        var (width, height) = (bitmap.Width, bitmap.Height);
        var fit = Math.Min(width / FacePainter.ReferenceWidth, height / FacePainter.ReferenceHeight);
        GaussianBlur.Apply(pixels, width, height, shot.Blur * fit);

        // Light falls off linearly along a random direction: brighter on one side, darker on the other.
        var reach = 0.5f * MathF.Sqrt(width * width + height * height);
        var lightX = MathF.Cos(shot.LightAngle) * shot.LightStrength / reach;
        var lightY = MathF.Sin(shot.LightAngle) * shot.LightStrength / reach;
        var stepX = (int)(lightX * 1024f * 1024f);
        var gainRed = (int)(shot.Gain * shot.TintRed * 1024f);
        var gainGreen = (int)(shot.Gain * 1024f);
        var gainBlue = (int)(shot.Gain * shot.TintBlue * 1024f);
        var offset = (int)MathF.Round(shot.Offset);
        var noise = (int)(shot.Noise / TriangularStdDev * 1024f);
        var random = new DeterministicRandom(shot.NoiseSeed);
        for (var y = 0; y < height; y++)
        {
            // Fixed point with 20 fractional bits: 1.0 is 1 << 20.
            var light = (int)((1f + lightX * (-width / 2f) + lightY * (y - height / 2f)) * 1024f * 1024f);
            var row = pixels.Slice(y * width * 4, width * 4);
            for (var i = 0; i < row.Length; i += 4, light += stepX)
            {
                var l = light >> 10;
                var bits = random.NextUInt64();
                var n0 = (int)(bits & 0xFF) + (int)((bits >> 8) & 0xFF) - 255;
                var n1 = (int)((bits >> 16) & 0xFF) + (int)((bits >> 24) & 0xFF) - 255;
                var n2 = (int)((bits >> 32) & 0xFF) + (int)((bits >> 40) & 0xFF) - 255;
                row[i] = Clamp(((row[i] * ((gainRed * l) >> 10)) >> 10) + offset + ((n0 * noise) >> 10));
                row[i + 1] = Clamp(((row[i + 1] * ((gainGreen * l) >> 10)) >> 10) + offset + ((n1 * noise) >> 10));
                row[i + 2] = Clamp(((row[i + 2] * ((gainBlue * l) >> 10)) >> 10) + offset + ((n2 * noise) >> 10));
                row[i + 3] = 255;
            }
        }
    }

    private static Span<byte> Pixels(SKBitmap bitmap)
    {
        if (bitmap.ColorType != SKColorType.Rgba8888 || bitmap.RowBytes != bitmap.Width * 4)
        {
            throw new ArgumentException("Expected a tightly packed RGBA8888 bitmap.", nameof(bitmap));
        }

        return bitmap.GetPixelSpan();
    }

    private static byte Clamp(int value) => (byte)Math.Clamp(value, 0, 255);
}
