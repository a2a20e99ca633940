using Portal.Inference.Tta;

namespace Portal.Inference.Onnx;

/// <summary>
/// The probabilities of a model run over an image set: each view's own (kept, so the gain of TTA can be shown)
/// and the merged ones, all row-major <c>[images, classes]</c> in the order the images were given.
/// </summary>
public sealed record ImageSetRunResult(IReadOnlyList<TtaView> Views, IReadOnlyList<float[]> PerView, float[] Merged, int Classes);
