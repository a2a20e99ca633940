using Portal.Inference.Preprocessing;

namespace Portal.Inference.Tta;

/// <summary>Applies <see cref="TtaView"/>s to 8-bit HWC pixels as index permutations (no resampling).</summary>
public static class TtaViews
{
    /// <summary>The view's name as ttach and the UI write it: identity, hflip, vflip, rot90, rot180, rot270, transpose, antitranspose.</summary>
    public static string Name(TtaView view) => view.ToString().ToLowerInvariant();

    /// <summary>Whether the view swaps width and height.</summary>
    public static bool SwapsSides(TtaView view) =>
        view is TtaView.Rot90 or TtaView.Rot270 or TtaView.Transpose or TtaView.AntiTranspose;

    /// <summary>
    /// The view of <paramref name="image"/>. Views that swap the sides turn a W x H image into H x W; the model
    /// input is one fixed size, so <see cref="TtaPlan"/> only offers them for square input sizes.
    /// </summary>
    public static PixelImage Apply(PixelImage image, TtaView view)
    {
        ArgumentNullException.ThrowIfNull(image);
        if (view == TtaView.Identity)
        {
            return image;
        }

        var swap = SwapsSides(view);
        var permutation = Permutation(view, image.Width, image.Height);
        var source = image.Pixels;
        var pixels = new byte[source.Length];
        for (var i = 0; i < permutation.Length; i++)
        {
            var s = permutation[i] * 3;
            pixels[i * 3] = source[s];
            pixels[(i * 3) + 1] = source[s + 1];
            pixels[(i * 3) + 2] = source[s + 2];
        }

        return new PixelImage(swap ? image.Height : image.Width, swap ? image.Width : image.Height, pixels);
    }

    /// <summary>
    /// For each pixel of the view (row-major over the view's own width and height), the index of the source pixel
    /// in a <paramref name="width"/> x <paramref name="height"/> image.
    /// </summary>
    public static int[] Permutation(TtaView view, int width, int height)
    {
        int w = width, h = height;
        var swap = SwapsSides(view);
        int outWidth = swap ? h : w, outHeight = swap ? w : h;
        var permutation = new int[w * h];
        var o = 0;
        for (var y = 0; y < outHeight; y++)
        {
            for (var x = 0; x < outWidth; x++)
            {
                var (sx, sy) = view switch
                {
                    TtaView.HFlip => (w - 1 - x, y),
                    TtaView.VFlip => (x, h - 1 - y),
                    TtaView.Rot180 => (w - 1 - x, h - 1 - y),
                    TtaView.Rot90 => (w - 1 - y, x),
                    TtaView.Rot270 => (y, h - 1 - x),
                    TtaView.Transpose => (y, x),
                    TtaView.AntiTranspose => (w - 1 - y, h - 1 - x),
                    _ => (x, y),
                };
                permutation[o++] = (sy * w) + sx;
            }
        }

        return permutation;
    }
}
