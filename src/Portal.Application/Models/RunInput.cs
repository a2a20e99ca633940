using System.Globalization;
using Portal.Inference.Preprocessing;

namespace Portal.Application.Models;

/// <summary>
/// The preprocessing one model of a run ran with, kept in the run's details record so each model row can show it.
/// </summary>
/// <param name="Width">Input width in pixels.</param>
/// <param name="Height">Input height in pixels.</param>
/// <param name="Resize">"stretch" or "crop" (keep aspect, centre crop).</param>
/// <param name="Mean">Per-channel mean (R, G, B) subtracted after scaling to [0, 1].</param>
/// <param name="Std">Per-channel standard deviation (R, G, B) divided by.</param>
/// <param name="Channels">"rgb" or "bgr": the order of the channels fed to the model.</param>
public sealed record RunInput(int Width, int Height, string Resize, IReadOnlyList<float> Mean, IReadOnlyList<float> Std, string Channels)
{
    /// <summary>The input of <paramref name="settings"/>.</summary>
    public static RunInput Of(ModelRunSettings settings)
    {
        ArgumentNullException.ThrowIfNull(settings);
        return new RunInput(settings.Width, settings.Height, settings.Resize == ResizeMode.Crop ? "crop" : "stretch", settings.Mean, settings.Std,
            settings.Channels == ChannelOrder.Bgr ? "bgr" : "rgb");
    }

    /// <summary>"224x224 stretch" (width x height, resize).</summary>
    public string SizeText => string.Create(CultureInfo.InvariantCulture, $"{Width}x{Height} {Resize}");

    /// <summary>"RGB, mean 0.548,0.504,0.479, std 0.237,0.247,0.246".</summary>
    public string NormalisationText =>
        $"{Channels.ToUpperInvariant()}, mean {Triple(Mean)}, std {Triple(Std)}";

    private static string Triple(IReadOnlyList<float> values) =>
        string.Join(",", values.Select(v => v.ToString("0.###", CultureInfo.InvariantCulture)));
}
