namespace Portal.Inference.Sandbox;

/// <summary>How a sandboxed check or run ended, as the runner reports it.</summary>
public enum SandboxOutcome
{
    /// <summary>Check: the model was loaded and fits. Run: the probabilities were written.</summary>
    Succeeded,

    /// <summary>The model does not fit the competition (shapes, class count, opset, external data) or cannot be loaded.</summary>
    Refused,

    /// <summary>ONNX Runtime failed while running the model.</summary>
    ModelFailed,

    /// <summary>The model asked for more memory than the run's limit.</summary>
    OutOfMemory,

    /// <summary>The run was told to stop (cancel or time limit) and stopped.</summary>
    Stopped,
}
