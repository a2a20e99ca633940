using Portal.Inference.Preprocessing;

namespace Portal.Inference.Tta;

/// <summary>
/// Writes one view of a cached 8-bit image straight into its <c>[3, H, W]</c> float32 slice of an NCHW batch:
/// geometry by index (or bilinear taps for a zoom), brightness and normalisation by one lookup table per channel,
/// so no view is ever materialised and no pass is added. Built once per view and run; thread-safe.
/// </summary>
public sealed class ViewWriter
{
    private const int ByteValues = 256;
    private const int Channels = 3;

    // Per output channel: (Brighten(v) * scale - mean) / std of the colour that channel reads, for each byte value.
    private readonly float[][] _tables;
    private readonly int[] _sourceChannel;
    private readonly ViewGeometry _geometry;

    /// <param name="view">The view.</param>
    /// <param name="options">The model's preprocessing (input size, normalisation, channel order).</param>
    /// <param name="baseWidth">The cached image's width (see <see cref="TtaViews.BaseSize"/>).</param>
    /// <param name="baseHeight">The cached image's height.</param>
    public ViewWriter(TtaView view, PreprocessOptions options, int baseWidth, int baseHeight)
    {
        ArgumentNullException.ThrowIfNull(view);
        ArgumentNullException.ThrowIfNull(options);
        if (options.Problems() is { Count: > 0 } problems)
        {
            throw new ArgumentException(string.Join(" ", problems), nameof(options));
        }

        View = view;
        Width = options.Width;
        Height = options.Height;
        BaseWidth = baseWidth;
        BaseHeight = baseHeight;
        _geometry = new ViewGeometry(view, options.Width, options.Height, baseWidth, baseHeight);
        _sourceChannel = options.Channels == ChannelOrder.Bgr ? [2, 1, 0] : [0, 1, 2];
        _tables = new float[Channels][];
        for (var c = 0; c < Channels; c++)
        {
            var table = new float[ByteValues];
            var colour = _sourceChannel[c];
            for (var v = 0; v < ByteValues; v++)
            {
                table[v] = ((TtaViews.Brighten((byte)v, view.Brightness) * options.Scale) - options.Mean[colour]) / options.Std[colour];
            }

            _tables[c] = table;
        }
    }

    public TtaView View { get; }

    public int Width { get; }

    public int Height { get; }

    public int BaseWidth { get; }

    public int BaseHeight { get; }

    /// <summary>Bytes of one cached image: 3 x base width x base height.</summary>
    public int BaseImageBytes => Channels * BaseWidth * BaseHeight;

    /// <summary>Floats of one view: 3 x H x W.</summary>
    public int ImageLength => Channels * Width * Height;

    /// <summary>Writes the view of <paramref name="basePixels"/> (one cached image, HWC RGB) into <paramref name="destination"/>.</summary>
    public void Write(ReadOnlySpan<byte> basePixels, Span<float> destination)
    {
        if (basePixels.Length != BaseImageBytes)
        {
            throw new ArgumentException($"One cached image is {BaseImageBytes} bytes ({BaseWidth}x{BaseHeight} RGB), not {basePixels.Length}.", nameof(basePixels));
        }

        if (destination.Length < ImageLength)
        {
            throw new ArgumentException("The destination is smaller than one image.", nameof(destination));
        }

        var plane = Width * Height;
        var r = destination[..plane];
        var g = destination.Slice(plane, plane);
        var b = destination.Slice(2 * plane, plane);
        ReadOnlySpan<float> t0 = _tables[0], t1 = _tables[1], t2 = _tables[2];
        int s0 = _sourceChannel[0], s1 = _sourceChannel[1], s2 = _sourceChannel[2];
        // One pass over the view's pixels writing all three planes: each source pixel's bytes are read together.
        if (_geometry.Taps is { } taps)
        {
            WriteResampled(basePixels, taps, _geometry.Weights!, r, g, b);
        }
        else if (_geometry.Index is { } index)
        {
            for (var i = 0; i < plane; i++)
            {
                var s = index[i] * Channels;
                r[i] = t0[basePixels[s + s0]];
                g[i] = t1[basePixels[s + s1]];
                b[i] = t2[basePixels[s + s2]];
            }
        }
        else
        {
            for (var i = 0; i < plane; i++)
            {
                var s = i * Channels;
                r[i] = t0[basePixels[s + s0]];
                g[i] = t1[basePixels[s + s1]];
                b[i] = t2[basePixels[s + s2]];
            }
        }
    }

    /// <summary>
    /// Bilinear over normalised values: normalisation is affine, so interpolating the table values equals
    /// normalising the interpolated pixel (up to float rounding), and the tables still fold brightness in.
    /// </summary>
    private void WriteResampled(ReadOnlySpan<byte> source, int[] taps, float[] weights, Span<float> r, Span<float> g, Span<float> b)
    {
        ReadOnlySpan<float> t0 = _tables[0], t1 = _tables[1], t2 = _tables[2];
        int s0 = _sourceChannel[0], s1 = _sourceChannel[1], s2 = _sourceChannel[2];
        for (var i = 0; i < r.Length; i++)
        {
            var t = i * ViewGeometry.TapsPerPixel;
            float fx = weights[i * ViewGeometry.WeightsPerPixel], fy = weights[(i * ViewGeometry.WeightsPerPixel) + 1];
            int p00 = taps[t] * Channels, p01 = taps[t + 1] * Channels, p10 = taps[t + 2] * Channels, p11 = taps[t + 3] * Channels;
            r[i] = Bilinear(t0, source, s0, p00, p01, p10, p11, fx, fy);
            g[i] = Bilinear(t1, source, s1, p00, p01, p10, p11, fx, fy);
            b[i] = Bilinear(t2, source, s2, p00, p01, p10, p11, fx, fy);
        }
    }

    private static float Bilinear(ReadOnlySpan<float> table, ReadOnlySpan<byte> source, int channel, int p00, int p01, int p10, int p11, float fx, float fy)
    {
        var top = ViewGeometry.Lerp(table[source[p00 + channel]], table[source[p01 + channel]], fx);
        var bottom = ViewGeometry.Lerp(table[source[p10 + channel]], table[source[p11 + channel]], fx);
        return ViewGeometry.Lerp(top, bottom, fy);
    }
}
