namespace Portal.Inference.Onnx;

/// <summary>
/// A model's image input as its file declares it (<see cref="OnnxProto.ReadInput(Stream)"/>), before any check:
/// its name and dimensions, null where the model leaves a dimension free.
/// </summary>
/// <param name="Name">The input's name.</param>
/// <param name="Dimensions">Each dimension; for an image batch <c>[N, 3, H, W]</c>.</param>
public sealed record ModelInputShape(string Name, IReadOnlyList<int?> Dimensions)
{
    /// <summary>Whether it has the image batch's four dimensions <c>[N, C, H, W]</c>.</summary>
    public bool IsImageBatch => Dimensions.Count == 4;

    /// <summary>The height in pixels (dimension 2 of <c>[N, 3, H, W]</c>), or null when free or not an image batch.</summary>
    public int? Height => IsImageBatch ? Dimensions[2] : null;

    /// <summary>The width in pixels (dimension 3 of <c>[N, 3, H, W]</c>), or null when free or not an image batch.</summary>
    public int? Width => IsImageBatch ? Dimensions[3] : null;
}
