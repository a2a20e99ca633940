namespace Portal.Inference.Onnx;

/// <summary>
/// Which execution provider a session asked for, which one it got, and why they differ (null when they do not):
/// what the logs and the admin diagnostics page show.
/// </summary>
public sealed record ProviderReport(ExecutionProviderChoice Requested, ExecutionProviderChoice Used, string? Reason)
{
    /// <summary>The providers this ONNX Runtime build was compiled with (CPUExecutionProvider, CUDAExecutionProvider, ...).</summary>
    public IReadOnlyList<string> Available { get; init; } = [];
}
