using System.Globalization;

namespace Portal.Inference.Onnx;

/// <summary>
/// What a model accepted by <see cref="ModelCheck"/> expects: input <c>[N, 3, H, W]</c> float32, output <c>[N, C]</c>
/// (or one output per attribute head, see <see cref="HeadOutputs"/>). A dimension the model leaves free is null.
/// </summary>
public sealed record ModelShape(string InputName, string OutputName, int? Batch, int? Height, int? Width, int Classes, long Opset)
{
    /// <summary>
    /// An attribute-head model's outputs, one per axis of the competition in axis order (mask, gender, age), each
    /// <c>[N, axis size]</c>; combined into <see cref="Classes"/> by <see cref="Portal.Core.Competitions.AttributeHeads"/>.
    /// Empty for a model with one <c>[N, C]</c> output (<see cref="OutputName"/>).
    /// </summary>
    public IReadOnlyList<string> HeadOutputs { get; init; } = [];

    /// <summary>The values of each head in <see cref="HeadOutputs"/> (the axes' sizes); empty for a one-output model.</summary>
    public IReadOnlyList<int> HeadSizes { get; init; } = [];

    /// <summary>The heads' names (the axes'), in the order of <see cref="HeadOutputs"/>; empty for a one-output model.</summary>
    public IReadOnlyList<string> HeadNames { get; init; } = [];

    /// <summary>Whether the model gives one output per attribute head rather than one of class scores.</summary>
    public bool HasHeads => HeadOutputs.Count > 0;

    /// <summary>Why a <paramref name="width"/> x <paramref name="height"/> input does not fit this model, or null when it does.</summary>
    public string? SizeProblem(int width, int height) =>
        (Width is { } w && w != width) || (Height is { } h && h != height)
            ? string.Create(CultureInfo.InvariantCulture,
                $"The model takes {Width?.ToString(CultureInfo.InvariantCulture) ?? "any"}x{Height?.ToString(CultureInfo.InvariantCulture) ?? "any"} images, not {width}x{height}.")
            : null;
}
