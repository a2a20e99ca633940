using Portal.Inference.Onnx;

namespace Portal.Inference.Sandbox;

/// <summary>What a sandboxed run gives back: the probabilities (each view's and the merged, row-major [images, classes]) and where it ran.</summary>
public sealed record SandboxRunResult(IReadOnlyList<string> Views, IReadOnlyList<float[]> PerView, float[] Merged, ProviderReport Provider);
