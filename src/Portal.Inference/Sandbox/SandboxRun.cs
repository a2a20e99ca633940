using Portal.Inference.Onnx;
using Portal.Inference.Preprocessing;

namespace Portal.Inference.Sandbox;

/// <summary>A model run to carry out in the sandbox: the model over a complete decoded-image cache, with TTA.</summary>
/// <param name="CachePath">A complete decoded-image cache file at the views' base size (<see cref="Cache.DecodedImageCache.Open(string, IReadOnlyList{string}, PreprocessOptions, IReadOnlyList{Tta.TtaView}, IProgress{int}?, CancellationToken)"/>).</param>
/// <param name="ImageCount">Images in the cache.</param>
/// <param name="ClassCount">The competition's classes.</param>
/// <param name="Preprocess">The preprocessing of every view.</param>
/// <param name="Tta">The TTA preset name.</param>
/// <param name="Merge">The merge of the views.</param>
/// <param name="Provider">The execution provider asked for.</param>
/// <param name="BatchSize">Images per batch.</param>
/// <param name="IntraOpThreads">ONNX Runtime's threads per operator; 0 lets it choose.</param>
/// <param name="Heads">The competition's attribute axes, when it has them: a model with one output per head is combined into the classes.</param>
/// <param name="Head">The attribute head a single-head model is tagged as (<paramref name="ClassCount"/> is then its size), or null.</param>
public sealed record SandboxRun(
    string CachePath,
    int ImageCount,
    int ClassCount,
    PreprocessOptions Preprocess,
    string Tta,
    string Merge,
    ExecutionProviderChoice Provider,
    int BatchSize,
    int IntraOpThreads,
    Portal.Core.Competitions.AttributeHeads? Heads = null,
    string? Head = null);
