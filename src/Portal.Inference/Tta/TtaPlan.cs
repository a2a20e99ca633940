namespace Portal.Inference.Tta;

/// <summary>The views of a named TTA preset (ttach's sets), the identity always first.</summary>
public static class TtaPlan
{
    /// <summary>The preset names <c>--tta</c> accepts, including those not built yet.</summary>
    public static readonly IReadOnlyList<string> Names = ["none", "hflip", "vflip", "flip", "d4", "rot90", "five-crop", "ten-crop"];

    /// <summary>
    /// The views of preset <paramref name="name"/> for a <paramref name="width"/> x <paramref name="height"/> input,
    /// or a sentence saying why it cannot be used.
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
            _ => [],
        };
        if (views.Count == 0)
        {
            problem = name is "five-crop" or "ten-crop"
                ? $"TTA '{name}' is not available yet; use none, hflip, vflip, flip, rot90 or d4."
                : $"Unknown TTA '{name}'; use one of: {string.Join(", ", Names)}.";
            return false;
        }

        if (width != height && views.Any(TtaViews.SwapsSides))
        {
            problem = $"TTA '{name}' turns the image by a quarter, which needs a square input size; {width}x{height} is not square.";
            views = [];
            return false;
        }

        return true;
    }
}
