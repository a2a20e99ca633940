namespace Portal.Inference.Onnx;

/// <summary>
/// What a model accepted by <see cref="ModelCheck"/> expects: input <c>[N, 3, H, W]</c> float32, output <c>[N, C]</c>.
/// A dimension the model leaves free is null.
/// </summary>
public sealed record ModelShape(string InputName, string OutputName, int? Batch, int? Height, int? Width, int Classes, long Opset);
