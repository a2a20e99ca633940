namespace Portal.Inference.Preprocessing;

/// <summary>An 8-bit RGB image, row-major, 3 bytes per pixel (HWC): what is decoded, cached and transformed.</summary>
public sealed class PixelImage
{
    public PixelImage(int width, int height, byte[] pixels)
    {
        ArgumentNullException.ThrowIfNull(pixels);
        ArgumentOutOfRangeException.ThrowIfLessThan(width, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(height, 1);
        if (pixels.Length != width * height * 3)
        {
            throw new ArgumentException("There must be 3 bytes per pixel.", nameof(pixels));
        }

        Width = width;
        Height = height;
        Pixels = pixels;
    }

    public int Width { get; }

    public int Height { get; }

    /// <summary>R, G, B of each pixel, row by row.</summary>
    public byte[] Pixels { get; }

    /// <summary>The R, G, B bytes of the pixel at column <paramref name="x"/>, row <paramref name="y"/>.</summary>
    public ReadOnlySpan<byte> At(int x, int y) => Pixels.AsSpan(((y * Width) + x) * 3, 3);
}
