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

    /// <summary>
    /// A PNG of a few hundred bytes whose header claims <paramref name="width"/> x <paramref name="height"/> pixels: a 1 x 1
    /// PNG with its IHDR size patched and the chunk's CRC made right again, so decoders read the header as valid.
    /// Decoding it for real would need width x height x 4 bytes before finding the pixel data short.
    /// </summary>
    public static byte[] PngClaiming(int width, int height)
    {
        var png = Png(1, 1, (_, _) => (10, 20, 30));
        // Signature (8), IHDR length (4), "IHDR" (4), then width and height, big-endian; the CRC follows the 13 data bytes.
        System.Buffers.Binary.BinaryPrimitives.WriteInt32BigEndian(png.AsSpan(16), width);
        System.Buffers.Binary.BinaryPrimitives.WriteInt32BigEndian(png.AsSpan(20), height);
        System.Buffers.Binary.BinaryPrimitives.WriteUInt32BigEndian(png.AsSpan(29), Crc32(png.AsSpan(12, 17)));
        return png;
    }

    /// <summary>A <paramref name="width"/> x <paramref name="height"/> JPEG with varied pixels, cut to <paramref name="fraction"/> of its bytes.</summary>
    public static byte[] CutJpeg(int width, int height, double fraction)
    {
        using var bitmap = new SKBitmap(new SKImageInfo(width, height, SKColorType.Rgba8888, SKAlphaType.Opaque));
        for (var y = 0; y < height; y++)
        {
            for (var x = 0; x < width; x++)
            {
                bitmap.SetPixel(x, y, new SKColor((byte)(x * 7), (byte)(y * 5), (byte)((x * y) + 3)));
            }
        }

        using var image = SKImage.FromBitmap(bitmap);
        using var data = image.Encode(SKEncodedImageFormat.Jpeg, 90);
        var bytes = data.ToArray();
        return bytes[..(int)(bytes.Length * fraction)];
    }

    /// <summary>CRC-32 (IEEE, as PNG and zip use it), bit by bit: slow, and only for a few bytes in tests.</summary>
    private static uint Crc32(ReadOnlySpan<byte> bytes)
    {
        var crc = 0xFFFFFFFFu;
        foreach (var b in bytes)
        {
            crc ^= b;
            for (var k = 0; k < 8; k++)
            {
                crc = (crc & 1) != 0 ? (crc >> 1) ^ 0xEDB88320u : crc >> 1;
            }
        }

        return ~crc;
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
