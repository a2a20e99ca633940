namespace Portal.Inference.Tta;

/// <summary>The views of a named TTA preset (ttach's sets and torchvision's crops).</summary>
public static class TtaPlan
{
    /// <summary>The preset names <c>--tta</c> accepts.</summary>
    public static readonly IReadOnlyList<string> Names =
        ["none", "hflip", "vflip", "flip", "d4", "rot90", "five-crop", "ten-crop", "multi-scale", "brightness"];

    /// <summary>
    /// The zooms of <c>multi-scale</c>: the whole image, then its central 91% and 83% per side enlarged to the
    /// input size. Zooming in (not out) keeps the input size fixed, as a fixed-size model needs, and is resampled
    /// from the input-sized cache every other preset shares, so the first view equals the plain run.
    /// </summary>
    public static readonly IReadOnlyList<float> Zooms = [1f, 1.1f, 1.2f];

    /// <summary>The factors of <c>brightness</c> (ttach's Multiply example).</summary>
    public static readonly IReadOnlyList<float> BrightnessFactors = [1f, 0.9f, 1.1f];

    private static readonly CropPosition[] FiveCrops =
        [CropPosition.TopLeft, CropPosition.TopRight, CropPosition.BottomLeft, CropPosition.BottomRight, CropPosition.Center];

    /// <summary>
    /// The views of preset <paramref name="name"/> for a <paramref name="width"/> x <paramref name="height"/> input,
    /// or a sentence saying why it cannot be used. Every preset but the crops starts with the identity; the crops
    /// are windows of an image cached at the input size over <see cref="TtaView.CropFraction"/> (see <see cref="TtaViews.BaseSize"/>).
    /// </summary>
    public static bool TryGetViews(string name, int width, int height, out IReadOnlyList<TtaView> views, out string? problem)
    {
        ArgumentNullException.ThrowIfNull(name);
        problem = null;
        views = name.ToLowerInvariant() switch
        {
            "none" => [TtaView.Identity],
            "hflip" => [TtaView.Identity, TtaView.HFlip],
            "vflip" => [TtaView.Identity, TtaView.VFlip],
            // ttach's flip_transform: horizontal x vertical flips; both together are the half turn.
            "flip" => [TtaView.Identity, TtaView.HFlip, TtaView.VFlip, TtaView.Rot180],
            "rot90" => [TtaView.Identity, TtaView.Rot90, TtaView.Rot180, TtaView.Rot270],
            // ttach's d4_transform: horizontal flip x quarter turns, the 8 distinct elements of D4.
            "d4" => [TtaView.Identity, TtaView.Rot90, TtaView.Rot180, TtaView.Rot270,
                     TtaView.HFlip, TtaView.Transpose, TtaView.VFlip, TtaView.AntiTranspose],
            // torchvision's FiveCrop / TenCrop order; ten-crop's flipped half is each crop mirrored.
            "five-crop" => [.. FiveCrops.Select(p => TtaView.Cropped(p))],
            "ten-crop" => [.. FiveCrops.Select(p => TtaView.Cropped(p)), .. FiveCrops.Select(p => TtaView.Cropped(p, flip: true))],
            "multi-scale" => [.. Zooms.Select(TtaView.Zoomed)],
            "brightness" => [.. BrightnessFactors.Select(TtaView.Brightened)],
            _ => [],
        };
        if (views.Count == 0)
        {
            problem = $"Unknown TTA '{name}'; use one of: {string.Join(", ", Names)}.";
            return false;
        }

        if (width != height && views.Any(TtaViews.SwapsSides))
        {
            problem = NotSquareReason(name, width, height);
            views = [];
            return false;
        }

        return true;
    }

    /// <summary>
    /// The presets that a <paramref name="width"/> x <paramref name="height"/> input cannot take, each with the reason
    /// (quarter turns and diagonal mirrors need a square input size); empty for a square input.
    /// </summary>
    public static IReadOnlyDictionary<string, string> Unavailable(int width, int height) =>
        Names.Select(name => (name, ok: TryGetViews(name, width, height, out _, out var problem), problem))
            .Where(p => !p.ok)
            .ToDictionary(p => p.name, p => p.problem!, StringComparer.OrdinalIgnoreCase);

    private static string NotSquareReason(string name, int width, int height) =>
        $"Test-time augmentation '{name}' turns the image by a quarter, which needs a square input size; {width}x{height} is not square. "
        + $"Choose one of: {string.Join(", ", Names.Where(n => !ViewsOf(n).Any(TtaViews.SwapsSides)))}, or a square input size.";

    private static IReadOnlyList<TtaView> ViewsOf(string name) => TryGetViews(name, 1, 1, out var views, out _) ? views : [];
}
