using System.Globalization;

namespace Portal.Inference.Onnx;

/// <summary>
/// What a model accepted by <see cref="ModelCheck"/> expects: input <c>[N, 3, H, W]</c> float32, output <c>[N, C]</c>.
/// A dimension the model leaves free is null.
/// </summary>
public sealed record ModelShape(string InputName, string OutputName, int? Batch, int? Height, int? Width, int Classes, long Opset)
{
    /// <summary>Why a <paramref name="width"/> x <paramref name="height"/> input does not fit this model, or null when it does.</summary>
    public string? SizeProblem(int width, int height) =>
        (Width is { } w && w != width) || (Height is { } h && h != height)
            ? string.Create(CultureInfo.InvariantCulture,
                $"The model takes {Width?.ToString(CultureInfo.InvariantCulture) ?? "any"}x{Height?.ToString(CultureInfo.InvariantCulture) ?? "any"} images, not {width}x{height}.")
            : null;
}
