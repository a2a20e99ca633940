namespace Portal.Inference.Preprocessing;

/// <summary>Normalises 8-bit RGB pixels into one image's <c>[3, H, W]</c> float32 slice of an NCHW batch.</summary>
public sealed class TensorWriter
{
    // One lookup table per output channel: (v * scale - mean) / std of that channel's colour, for each byte value.
    private readonly float[][] _tables;
    private readonly int[] _sourceChannel;

    public TensorWriter(PreprocessOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var problems = options.Problems();
        if (problems.Count > 0)
        {
            throw new ArgumentException(string.Join(" ", problems), nameof(options));
        }

        Options = options;
        _sourceChannel = options.Channels == ChannelOrder.Bgr ? [2, 1, 0] : [0, 1, 2];
        _tables = new float[3][];
        for (var c = 0; c < 3; c++)
        {
            var table = new float[256];
            var colour = _sourceChannel[c];
            for (var v = 0; v < 256; v++)
            {
                table[v] = ((v * options.Scale) - options.Mean[colour]) / options.Std[colour];
            }

            _tables[c] = table;
        }
    }

    public PreprocessOptions Options { get; }

    /// <summary>The number of floats per image: 3 x H x W.</summary>
    public int ImageLength => 3 * Options.Width * Options.Height;

    /// <summary>Writes <paramref name="image"/> (already at the input size) into <paramref name="destination"/>.</summary>
    public void Write(PixelImage image, Span<float> destination) => Write(image, null, destination);

    /// <summary>
    /// Writes a view of <paramref name="image"/> into <paramref name="destination"/> without materialising it:
    /// output pixel i is source pixel <paramref name="permutation"/>[i] (see <c>TtaViews.Permutation</c>); null is the identity.
    /// The view must have the input size, so a permutation that swaps the sides needs a square image.
    /// </summary>
    public void Write(PixelImage image, ReadOnlySpan<int> permutation, Span<float> destination)
    {
        ArgumentNullException.ThrowIfNull(image);
        if (image.Width != Options.Width || image.Height != Options.Height)
        {
            throw new ArgumentException($"The image is {image.Width}x{image.Height}, not the input size {Options.Width}x{Options.Height}.", nameof(image));
        }

        var plane = image.Width * image.Height;
        if (destination.Length < 3 * plane)
        {
            throw new ArgumentException("The destination is smaller than one image.", nameof(destination));
        }

        if (!permutation.IsEmpty && permutation.Length != plane)
        {
            throw new ArgumentException("The permutation must have one entry per pixel.", nameof(permutation));
        }

        var pixels = image.Pixels;
        for (var c = 0; c < 3; c++)
        {
            var table = _tables[c];
            var output = destination.Slice(c * plane, plane);
            var source = _sourceChannel[c];
            if (permutation.IsEmpty)
            {
                for (var i = 0; i < plane; i++)
                {
                    output[i] = table[pixels[(i * 3) + source]];
                }
            }
            else
            {
                for (var i = 0; i < plane; i++)
                {
                    output[i] = table[pixels[(permutation[i] * 3) + source]];
                }
            }
        }
    }
}
