using System.Globalization;
using Portal.Inference.Preprocessing;

namespace Portal.Inference.Tta;

/// <summary>
/// Geometry of <see cref="TtaView"/>s over 8-bit HWC pixels: where each output pixel comes from in the cached
/// image (an index, or four bilinear taps for a zoom), and the size the cache must hold for a set of views.
/// </summary>
public static class TtaViews
{
    /// <summary>
    /// The view's display name, as ttach and the UI write it: identity, hflip, vflip, rot90, rot180, rot270,
    /// transpose, antitranspose; crops as <c>crop-top-left</c> (<c>+hflip</c> when flipped), <c>zoom-1.1</c>,
    /// <c>brightness-0.9</c>; parts joined by <c>+</c>.
    /// </summary>
    public static string Name(TtaView view)
    {
        ArgumentNullException.ThrowIfNull(view);
        var parts = new List<string>();
        if (view.Crop != CropPosition.None)
        {
            parts.Add(view.Crop switch
            {
                CropPosition.TopLeft => "crop-top-left",
                CropPosition.TopRight => "crop-top-right",
                CropPosition.BottomLeft => "crop-bottom-left",
                CropPosition.BottomRight => "crop-bottom-right",
                _ => "crop-center",
            });
        }

        if (view.Zoom != 1f)
        {
            parts.Add(string.Create(CultureInfo.InvariantCulture, $"zoom-{view.Zoom:0.###}"));
        }

        if (view.Symmetry != TtaSymmetry.Identity)
        {
            parts.Add(view.Symmetry.ToString().ToLowerInvariant());
        }

        if (view.Brightness != 1f)
        {
            parts.Add(string.Create(CultureInfo.InvariantCulture, $"brightness-{view.Brightness:0.###}"));
        }

        return parts.Count == 0 ? "identity" : string.Join('+', parts);
    }

    /// <summary>Whether the view swaps width and height.</summary>
    public static bool SwapsSides(TtaView view)
    {
        ArgumentNullException.ThrowIfNull(view);
        return view.Symmetry is TtaSymmetry.Rot90 or TtaSymmetry.Rot270 or TtaSymmetry.Transpose or TtaSymmetry.AntiTranspose;
    }

    /// <summary>
    /// The size each image must be decoded (and cached) at for <paramref name="views"/> on a
    /// <paramref name="width"/> x <paramref name="height"/> input: the input size, or when any view crops, the input
    /// size over <see cref="TtaView.CropFraction"/> (224 becomes 256), so crops are windows of it.
    /// </summary>
    public static (int Width, int Height) BaseSize(IReadOnlyList<TtaView> views, int width, int height)
    {
        ArgumentNullException.ThrowIfNull(views);
        return views.Any(v => v.Crop != CropPosition.None)
            ? ((int)Math.Round(width / TtaView.CropFraction), (int)Math.Round(height / TtaView.CropFraction))
            : (width, height);
    }

    /// <summary>
    /// The view of a symmetry-and-brightness-only view of <paramref name="image"/> (views that swap the sides turn
    /// a W x H image into H x W). For display and tests: a run never materialises a view.
    /// </summary>
    public static PixelImage Apply(PixelImage image, TtaView view)
    {
        ArgumentNullException.ThrowIfNull(image);
        ArgumentNullException.ThrowIfNull(view);
        if (view.Crop != CropPosition.None || view.Zoom != 1f)
        {
            throw new ArgumentException("Crops and zooms depend on the input size: use Apply(image, view, width, height).", nameof(view));
        }

        var swap = SwapsSides(view);
        return Materialise(image, view, new ViewGeometry(view, image.Width, image.Height, image.Width, image.Height, allowNonSquareSwap: true),
            swap ? image.Height : image.Width, swap ? image.Width : image.Height);
    }

    /// <summary>
    /// The <paramref name="width"/> x <paramref name="height"/> view of a cached <paramref name="image"/> (of the size
    /// <see cref="BaseSize"/> gives), rounded to 8 bits. For display and tests: a run never materialises a view.
    /// </summary>
    public static PixelImage Apply(PixelImage image, TtaView view, int width, int height)
    {
        ArgumentNullException.ThrowIfNull(image);
        ArgumentNullException.ThrowIfNull(view);
        return Materialise(image, view, new ViewGeometry(view, width, height, image.Width, image.Height), width, height);
    }

    /// <summary>
    /// For each pixel of a symmetry-only view (row-major over the view's own width and height), the index of the
    /// source pixel in a <paramref name="width"/> x <paramref name="height"/> image. Brightness is ignored.
    /// </summary>
    public static int[] Permutation(TtaView view, int width, int height)
    {
        ArgumentNullException.ThrowIfNull(view);
        if (view.Crop != CropPosition.None || view.Zoom != 1f)
        {
            throw new ArgumentException("Only the symmetries are permutations of an input-sized image.", nameof(view));
        }

        return SymmetryPermutation(view.Symmetry, width, height);
    }

    /// <summary>For each pixel of the symmetry's output, the index of its source pixel in a W x H image.</summary>
    internal static int[] SymmetryPermutation(TtaSymmetry symmetry, int width, int height)
    {
        int w = width, h = height;
        var swap = symmetry is TtaSymmetry.Rot90 or TtaSymmetry.Rot270 or TtaSymmetry.Transpose or TtaSymmetry.AntiTranspose;
        int outWidth = swap ? h : w, outHeight = swap ? w : h;
        var permutation = new int[w * h];
        var o = 0;
        for (var y = 0; y < outHeight; y++)
        {
            for (var x = 0; x < outWidth; x++)
            {
                var (sx, sy) = symmetry switch
                {
                    TtaSymmetry.HFlip => (w - 1 - x, y),
                    TtaSymmetry.VFlip => (x, h - 1 - y),
                    TtaSymmetry.Rot180 => (w - 1 - x, h - 1 - y),
                    TtaSymmetry.Rot90 => (w - 1 - y, x),
                    TtaSymmetry.Rot270 => (y, h - 1 - x),
                    TtaSymmetry.Transpose => (y, x),
                    TtaSymmetry.AntiTranspose => (w - 1 - y, h - 1 - x),
                    _ => (x, y),
                };
                permutation[o++] = (sy * w) + sx;
            }
        }

        return permutation;
    }

    /// <summary>
    /// An 8-bit value times a brightness factor, clamped to 255 and not rounded: torchvision's adjust_brightness on
    /// a float image (blend with black, clamp), applied to each cached pixel before any resampling.
    /// </summary>
    public static float Brighten(byte value, float factor) => Math.Min(value * factor, byte.MaxValue);

    private static PixelImage Materialise(PixelImage image, TtaView view, ViewGeometry geometry, int width, int height)
    {
        var source = image.Pixels;
        var pixels = new byte[width * height * 3];
        var brightness = view.Brightness;
        for (var i = 0; i < width * height; i++)
        {
            for (var c = 0; c < 3; c++)
            {
                var value = geometry.Sample(source, i, c, v => Brighten(v, brightness));
                pixels[(i * 3) + c] = (byte)Math.Round(value, MidpointRounding.AwayFromZero);
            }
        }

        return new PixelImage(width, height, pixels);
    }
}
