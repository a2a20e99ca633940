namespace Portal.Inference.Onnx;

/// <summary>Where a model runs: <c>Inference:Provider</c> and <c>portal infer --provider</c>.</summary>
public enum ExecutionProviderChoice
{
    /// <summary>CUDA when it loads, else CPU.</summary>
    Auto,

    /// <summary>CUDA; still falls back to CPU (and says why) when CUDA cannot load, so a run never fails for it.</summary>
    Cuda,

    /// <summary>CPU only.</summary>
    Cpu,
}
