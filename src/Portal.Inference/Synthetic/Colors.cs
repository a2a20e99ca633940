using SkiaSharp;

namespace Portal.Inference.Synthetic;

/// <summary>Colour arithmetic and the palettes people are drawn from.</summary>
internal static class Colors
{
    public static readonly SKColor[] SkinTones =
    [
        new(250, 222, 200), new(241, 196, 165), new(226, 176, 140),
        new(200, 146, 106), new(163, 110, 76), new(116, 78, 54),
    ];

    // Black, dark brown, brown, light brown, blond, auburn.
    public static readonly SKColor[] HairColors =
    [
        new(28, 24, 23), new(58, 40, 30), new(98, 66, 42), new(140, 104, 68), new(196, 160, 102), new(128, 62, 36),
    ];

    public static readonly double[] YoungHairWeights = [0.24, 0.3, 0.2, 0.1, 0.11, 0.05];
    public static readonly double[] MiddleHairWeights = [0.3, 0.32, 0.2, 0.1, 0.04, 0.04];

    public static readonly SKColor[] EyeColors =
    [
        new(62, 40, 28), new(96, 62, 38), new(112, 94, 52), new(68, 108, 156), new(78, 118, 88), new(108, 118, 128),
    ];

    public static readonly SKColor[] MaskColors =
    [
        new(240, 242, 245), new(168, 206, 232), new(30, 32, 36), new(140, 144, 150),
        new(36, 52, 96), new(236, 178, 190), new(214, 200, 176), new(92, 130, 96), new(180, 40, 52),
    ];

    public static readonly double[] MaskColorWeights = [0.24, 0.24, 0.15, 0.08, 0.08, 0.06, 0.06, 0.05, 0.04];

    public static readonly SKColor[] LipstickColors = [new(176, 40, 62), new(200, 84, 110), new(130, 36, 58), new(186, 96, 88)];

    public static SKColor Lerp(SKColor a, SKColor b, float t)
    {
        t = Math.Clamp(t, 0f, 1f);
        return new SKColor(
            (byte)(a.Red + (b.Red - a.Red) * t + 0.5f),
            (byte)(a.Green + (b.Green - a.Green) * t + 0.5f),
            (byte)(a.Blue + (b.Blue - a.Blue) * t + 0.5f),
            (byte)(a.Alpha + (b.Alpha - a.Alpha) * t + 0.5f));
    }

    public static SKColor Scale(SKColor c, float factor) => new(
        (byte)Math.Clamp(c.Red * factor + 0.5f, 0f, 255f),
        (byte)Math.Clamp(c.Green * factor + 0.5f, 0f, 255f),
        (byte)Math.Clamp(c.Blue * factor + 0.5f, 0f, 255f),
        c.Alpha);

    public static SKColor WithAlpha(SKColor c, float alpha) => c.WithAlpha((byte)Math.Clamp(alpha * 255f + 0.5f, 0f, 255f));

    public static SKColor FromHsv(float hue, float saturation, float value) => SKColor.FromHsv(hue, saturation * 100f, value * 100f);
}
