namespace Portal.Inference.Sandbox;

/// <summary>Why a sandboxed model check or run ended without a result, when the model is the cause.</summary>
public enum ModelRunFailure
{
    /// <summary>The model was refused when it was loaded (shapes, class count, opset, external data, malformed graph).</summary>
    Refused,

    /// <summary>ONNX Runtime failed while running it.</summary>
    Failed,

    /// <summary>It used more than the memory limit.</summary>
    MemoryLimit,

    /// <summary>The runner ended without a reply after the model was loaded (a crash inside ONNX Runtime, or killed).</summary>
    Crashed,
}
