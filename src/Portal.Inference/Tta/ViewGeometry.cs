namespace Portal.Inference.Tta;

/// <summary>
/// Where each pixel of a view comes from in the cached image, computed once per view and input size: an index
/// map when the view is a permutation with an offset (symmetries, crops), four bilinear taps per pixel when it
/// resamples (zooms), nothing at all for the identity on an input-sized cache.
/// </summary>
internal sealed class ViewGeometry
{
    internal const int TapsPerPixel = 4;
    internal const int WeightsPerPixel = 2;

    /// <param name="view">The view; its brightness is not geometry and is ignored here.</param>
    /// <param name="width">The view's width before the symmetry (the input width).</param>
    /// <param name="height">The view's height before the symmetry (the input height).</param>
    /// <param name="baseWidth">The cached image's width.</param>
    /// <param name="baseHeight">The cached image's height.</param>
    /// <param name="allowNonSquareSwap">Let a quarter turn of a non-square image give an H x W view (display only).</param>
    public ViewGeometry(TtaView view, int width, int height, int baseWidth, int baseHeight, bool allowNonSquareSwap = false)
    {
        ArgumentNullException.ThrowIfNull(view);
        if (TtaViews.SwapsSides(view) && width != height && !allowNonSquareSwap)
        {
            throw new ArgumentException("Quarter turns and diagonal mirrors need a square input size.", nameof(view));
        }

        var (left, top, windowWidth, windowHeight) = Window(view, width, height, baseWidth, baseHeight);
        var (x0, x1, fx) = Axis(left, windowWidth, width, baseWidth);
        var (y0, y1, fy) = Axis(top, windowHeight, height, baseHeight);
        var permutation = view.Symmetry == TtaSymmetry.Identity ? null : TtaViews.SymmetryPermutation(view.Symmetry, width, height);
        var pixels = width * height;
        if (fx.All(f => f == 0) && fy.All(f => f == 0))
        {
            var index = new int[pixels];
            var identity = true;
            for (var i = 0; i < pixels; i++)
            {
                var p = permutation?[i] ?? i;
                index[i] = (y0[p / width] * baseWidth) + x0[p % width];
                identity &= index[i] == i;
            }

            Index = identity && baseWidth == width && baseHeight == height ? null : index;
            return;
        }

        Taps = new int[pixels * TapsPerPixel];
        Weights = new float[pixels * WeightsPerPixel];
        for (var i = 0; i < pixels; i++)
        {
            var p = permutation?[i] ?? i;
            int u = p % width, v = p / width;
            Taps[(i * TapsPerPixel) + 0] = (y0[v] * baseWidth) + x0[u];
            Taps[(i * TapsPerPixel) + 1] = (y0[v] * baseWidth) + x1[u];
            Taps[(i * TapsPerPixel) + 2] = (y1[v] * baseWidth) + x0[u];
            Taps[(i * TapsPerPixel) + 3] = (y1[v] * baseWidth) + x1[u];
            Weights[(i * WeightsPerPixel) + 0] = fx[u];
            Weights[(i * WeightsPerPixel) + 1] = fy[v];
        }
    }

    /// <summary>Per view pixel, the source pixel; null when the view is a resample or the identity.</summary>
    public int[]? Index { get; }

    /// <summary>Per view pixel, the source pixels (top-left, top-right, bottom-left, bottom-right); null unless a resample.</summary>
    public int[]? Taps { get; }

    /// <summary>Per view pixel, the horizontal then vertical weight of the right / bottom taps.</summary>
    public float[]? Weights { get; }

    /// <summary>
    /// Channel <paramref name="channel"/> of view pixel <paramref name="i"/>, unrounded, each source value first
    /// mapped through <paramref name="value"/> (as the normalisation tables do, so both agree).
    /// </summary>
    public float Sample(ReadOnlySpan<byte> source, int i, int channel, Func<byte, float> value)
    {
        ArgumentNullException.ThrowIfNull(value);
        if (Taps is null)
        {
            return value(source[((Index?[i] ?? i) * 3) + channel]);
        }

        float fx = Weights![i * WeightsPerPixel], fy = Weights[(i * WeightsPerPixel) + 1];
        var t = i * TapsPerPixel;
        var top = Lerp(value(source[(Taps[t] * 3) + channel]), value(source[(Taps[t + 1] * 3) + channel]), fx);
        var bottom = Lerp(value(source[(Taps[t + 2] * 3) + channel]), value(source[(Taps[t + 3] * 3) + channel]), fx);
        return Lerp(top, bottom, fy);
    }

    internal static float Lerp(float a, float b, float t) => a + ((b - a) * t);

    /// <summary>The window of the cached image the view shows, in cached pixels (fractional when zoomed).</summary>
    private static (double Left, double Top, double Width, double Height) Window(TtaView view, int width, int height, int baseWidth, int baseHeight)
    {
        double left = 0, top = 0, w = baseWidth, h = baseHeight;
        if (view.Crop != CropPosition.None)
        {
            if (baseWidth < width || baseHeight < height)
            {
                throw new ArgumentException($"A {width}x{height} crop needs a cached image at least that large, not {baseWidth}x{baseHeight}.", nameof(view));
            }

            int spareX = baseWidth - width, spareY = baseHeight - height;
            // torchvision's center_crop rounds half the spare pixels (half to even, as Python's round does).
            (left, top) = view.Crop switch
            {
                CropPosition.TopLeft => (0, 0),
                CropPosition.TopRight => (spareX, 0),
                CropPosition.BottomLeft => (0, spareY),
                CropPosition.BottomRight => (spareX, spareY),
                _ => (Math.Round(spareX / 2.0, MidpointRounding.ToEven), Math.Round(spareY / 2.0, MidpointRounding.ToEven)),
            };
            (w, h) = (width, height);
        }

        if (view.Zoom != 1f)
        {
            double zoomedWidth = w / view.Zoom, zoomedHeight = h / view.Zoom;
            left += (w - zoomedWidth) / 2;
            top += (h - zoomedHeight) / 2;
            (w, h) = (zoomedWidth, zoomedHeight);
        }

        return (left, top, w, h);
    }

    /// <summary>
    /// For each of <paramref name="size"/> output positions, the two source columns (or rows) and the weight of the
    /// second: pixel centres at +0.5 and borders clamped, as torchvision and PyTorch's interpolate with
    /// align_corners=False. A window the size of the output on whole pixels gives weight 0 everywhere.
    /// </summary>
    private static (int[] First, int[] Second, float[] Weight) Axis(double start, double length, int size, int limit)
    {
        var first = new int[size];
        var second = new int[size];
        var weight = new float[size];
        var step = length / size;
        for (var i = 0; i < size; i++)
        {
            var s = Math.Clamp(start + ((i + 0.5) * step) - 0.5, 0, limit - 1);
            var f = (int)Math.Floor(s);
            first[i] = f;
            second[i] = Math.Min(f + 1, limit - 1);
            weight[i] = second[i] == f ? 0 : (float)(s - f);
        }

        return (first, second, weight);
    }
}
