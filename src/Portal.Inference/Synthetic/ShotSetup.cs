using Portal.Core.Randomness;
using SkiaSharp;

namespace Portal.Inference.Synthetic;

/// <summary>
/// What varies between one person's photos: pose, background, lighting, camera blur and noise, and the
/// mask's colour, pattern and shape. It is drawn from the seed, person and image index only, never from
/// the mask state, so the same photo can be drawn with and without a mask.
/// </summary>
internal sealed class ShotSetup
{
    private const ulong StreamBase = 0x5348_4F54_0000_0000UL; // "SHOT"

    public required float OffsetX { get; init; }
    public required float OffsetY { get; init; }
    public required float Scale { get; init; }
    public required float Rotation { get; init; }
    public required float GazeX { get; init; }
    public required float GazeY { get; init; }
    public required float Smile { get; init; }
    public required SKColor BackgroundTop { get; init; }
    public required SKColor BackgroundBottom { get; init; }
    public required int Clutter { get; init; }
    public required ulong ClutterSeed { get; init; }
    public required SKColor MaskColor { get; init; }
    public required SKColor MaskSecondColor { get; init; }
    public required MaskPattern Pattern { get; init; }
    public required bool ClothMask { get; init; }

    /// <summary>For an incorrectly worn mask: on the chin (mouth visible) rather than just below the nose.</summary>
    public required bool OnChin { get; init; }
    public required float LightAngle { get; init; }
    public required float LightStrength { get; init; }
    public required float Gain { get; init; }
    public required float Offset { get; init; }
    public required float TintRed { get; init; }
    public required float TintBlue { get; init; }
    public required float Blur { get; init; }
    public required float Noise { get; init; }
    public required ulong NoiseSeed { get; init; }

    public static ShotSetup Create(ulong seed, int person, int index, PersonLook look)
    {
        var r = DeterministicRandom.ForStream(seed, StreamBase + ((ulong)person << 8) + (ulong)index);
        var bgJitter = r.Range(0.85f, 1.12f);
        var bgHueShift = r.Range(-14f, 14f);
        look.Background.ToHsv(out var h, out var s, out var v);
        var top = Colors.FromHsv((h + bgHueShift + 360f) % 360f, s / 100f, Math.Clamp(v / 100f * bgJitter, 0.1f, 1f));
        var bottom = Colors.Scale(top, r.Range(0.7f, 0.95f));
        var maskColor = Colors.MaskColors[r.Pick(Colors.MaskColorWeights)];
        var second = Colors.FromHsv(r.Range(0f, 360f), r.Range(0.3f, 0.8f), r.Range(0.3f, 0.9f));
        var patternRoll = r.NextDouble();
        var cloth = r.Chance(0.45);
        var pattern = cloth
            ? (patternRoll < 0.5 ? MaskPattern.Plain : patternRoll < 0.7 ? MaskPattern.Stripes : patternRoll < 0.85 ? MaskPattern.Dots : MaskPattern.Checks)
            : MaskPattern.Pleats;
        return new ShotSetup
        {
            OffsetX = r.Range(-20f, 20f),
            OffsetY = r.Range(-16f, 16f),
            Scale = r.Range(0.9f, 1.08f),
            Rotation = r.Range(-8f, 8f),
            GazeX = r.Range(-0.35f, 0.35f),
            GazeY = r.Range(-0.2f, 0.2f),
            Smile = r.Range(-0.15f, 0.7f),
            BackgroundTop = top,
            BackgroundBottom = bottom,
            Clutter = r.NextInt(4),
            ClutterSeed = r.NextUInt64(),
            MaskColor = Colors.Scale(maskColor, r.Range(0.9f, 1.05f)),
            MaskSecondColor = second,
            Pattern = pattern,
            ClothMask = cloth,
            OnChin = r.Chance(0.4),
            LightAngle = r.Range(0f, MathF.Tau),
            LightStrength = r.Range(0f, 0.28f),
            Gain = r.Range(0.8f, 1.15f),
            Offset = r.Range(-12f, 12f),
            TintRed = r.Range(0.94f, 1.06f),
            TintBlue = r.Range(0.94f, 1.06f),
            Blur = r.Range(0.3f, 1.5f),
            Noise = r.Range(1.5f, 7f),
            NoiseSeed = r.NextUInt64(),
        };
    }
}
