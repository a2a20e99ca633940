namespace Portal.Inference.Tta;

/// <summary>
/// One test-time view of a cached 8-bit image, applied in this order: take the <see cref="Crop"/> window of the
/// cached image (the whole of it when none), shrink the window about its centre by <see cref="Zoom"/> and resample
/// it to the input size, apply the <see cref="Symmetry"/>. <see cref="Brightness"/> multiplies the cached values
/// (before any resampling), folded into the normalisation lookup table, so it costs nothing.
/// Equal views compare equal, so <c>view == TtaView.Identity</c> works as it did when this was an enum.
/// </summary>
public sealed record TtaView
{
    /// <summary>
    /// The input size over the cached size of an image that crop views are taken from: torchvision's classic
    /// evaluation (resize to 256, crop 224), so each crop sees 87.5% of the image per side.
    /// </summary>
    public const float CropFraction = 0.875f;

    /// <summary>The largest zoom accepted: beyond it a view is mostly interpolation.</summary>
    public const float MaxZoom = 4f;

    public static readonly TtaView Identity = new();
    public static readonly TtaView HFlip = new() { Symmetry = TtaSymmetry.HFlip };
    public static readonly TtaView VFlip = new() { Symmetry = TtaSymmetry.VFlip };
    public static readonly TtaView Rot90 = new() { Symmetry = TtaSymmetry.Rot90 };
    public static readonly TtaView Rot180 = new() { Symmetry = TtaSymmetry.Rot180 };
    public static readonly TtaView Rot270 = new() { Symmetry = TtaSymmetry.Rot270 };
    public static readonly TtaView Transpose = new() { Symmetry = TtaSymmetry.Transpose };
    public static readonly TtaView AntiTranspose = new() { Symmetry = TtaSymmetry.AntiTranspose };

    public TtaSymmetry Symmetry { get; init; }

    public CropPosition Crop { get; init; }

    /// <summary>
    /// 1 shows the whole window; z shows its central 1/z per side, resampled (bilinear) to the input size, so the
    /// content looks z times larger. At least 1 (zooming out would need pixels the cache does not hold).
    /// </summary>
    public float Zoom
    {
        get;
        init
        {
            if (!(value >= 1f && value <= MaxZoom))
            {
                throw new ArgumentOutOfRangeException(nameof(value), value, $"The zoom must be between 1 and {MaxZoom}.");
            }

            field = value;
        }
    } = 1f;

    /// <summary>Each 8-bit value v becomes <c>min(v x Brightness, 255)</c> before scaling, without rounding (see <see cref="TtaViews.Brighten"/>). Positive.</summary>
    public float Brightness
    {
        get;
        init
        {
            if (!(value > 0f && float.IsFinite(value)))
            {
                throw new ArgumentOutOfRangeException(nameof(value), value, "The brightness factor must be a positive number.");
            }

            field = value;
        }
    } = 1f;

    /// <summary>The crop at <paramref name="position"/>, horizontally flipped when <paramref name="flip"/> (ten-crop's second half).</summary>
    public static TtaView Cropped(CropPosition position, bool flip = false) =>
        new() { Crop = position, Symmetry = flip ? TtaSymmetry.HFlip : TtaSymmetry.Identity };

    /// <summary>The whole image zoomed by <paramref name="zoom"/> about its centre.</summary>
    public static TtaView Zoomed(float zoom) => new() { Zoom = zoom };

    /// <summary>The whole image with every value multiplied by <paramref name="factor"/>.</summary>
    public static TtaView Brightened(float factor) => new() { Brightness = factor };

    /// <summary>Whether the view is one of the 8 symmetries alone: a pure permutation of an input-sized image.</summary>
    public bool IsSymmetryOnly => Crop == CropPosition.None && Zoom == 1f && Brightness == 1f;

    /// <summary>The display name, as <see cref="TtaViews.Name"/> gives it.</summary>
    public override string ToString() => TtaViews.Name(this);
}
