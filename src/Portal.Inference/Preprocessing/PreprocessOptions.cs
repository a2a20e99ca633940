using System.Globalization;

namespace Portal.Inference.Preprocessing;

/// <summary>
/// How an image becomes one <c>[3, Height, Width]</c> slice of the model's float32 NCHW input:
/// resize to <see cref="Width"/> x <see cref="Height"/>, then <c>(pixel * Scale - Mean[c]) / Std[c]</c>.
/// <see cref="Mean"/> and <see cref="Std"/> are per colour, always R, G, B, whatever <see cref="Channels"/> is,
/// so the defaults stay right for a BGR model.
/// </summary>
public sealed record PreprocessOptions
{
    /// <summary>The mean of the demo hidden set's pixels (scaled to [0, 1]), R, G, B.</summary>
    public static readonly IReadOnlyList<float> DefaultMean = [0.548f, 0.504f, 0.479f];

    /// <summary>The standard deviation of the demo hidden set's pixels (scaled to [0, 1]), R, G, B.</summary>
    public static readonly IReadOnlyList<float> DefaultStd = [0.237f, 0.247f, 0.246f];

    /// <summary>The largest side accepted, so a typo cannot ask for gigabytes per image.</summary>
    public const int MaxSide = 4096;

    public int Width { get; init; } = 224;

    public int Height { get; init; } = 224;

    public ResizeMode Resize { get; init; } = ResizeMode.Stretch;

    public float Scale { get; init; } = 1f / 255f;

    public IReadOnlyList<float> Mean { get; init; } = DefaultMean;

    public IReadOnlyList<float> Std { get; init; } = DefaultStd;

    public ChannelOrder Channels { get; init; } = ChannelOrder.Rgb;

    /// <summary>The problems with these options, as sentences; empty when they are usable.</summary>
    public IReadOnlyList<string> Problems()
    {
        var problems = new List<string>();
        if (Width is < 1 or > MaxSide || Height is < 1 or > MaxSide)
        {
            problems.Add(string.Create(CultureInfo.InvariantCulture,
                $"The input size must be between 1 and {MaxSide} pixels on each side; got {Width}x{Height}."));
        }

        if (!float.IsFinite(Scale) || Scale <= 0)
        {
            problems.Add("The scale must be a positive number.");
        }

        if (Mean.Count != 3 || Mean.Any(m => !float.IsFinite(m)))
        {
            problems.Add("The mean must be three numbers, one per channel.");
        }

        if (Std.Count != 3 || Std.Any(s => !float.IsFinite(s) || s <= 0))
        {
            problems.Add("The standard deviation must be three positive numbers, one per channel.");
        }

        return problems;
    }
}
