namespace Portal.Inference.Onnx;

/// <summary>
/// Turns ONNX Runtime's own error text into what a participant reads. The raw text names server paths and internal
/// source files, so it is kept for the host's log only; these sentences say what went wrong and what to try.
/// </summary>
public static class OnnxRuntimeErrors
{
    /// <summary>What a model that asks for more memory than a run may use is told.</summary>
    public const string MemorySentence = "The model needed more memory than a run may use";

    /// <summary>Whether <paramref name="message"/> is an allocation failure (ONNX Runtime's arena or the C++ allocator).</summary>
    public static bool IsOutOfMemory(string? message) =>
        message is not null
        && (message.Contains("bad_alloc", StringComparison.OrdinalIgnoreCase)
            || message.Contains("Failed to allocate", StringComparison.OrdinalIgnoreCase)
            || message.Contains("out of memory", StringComparison.OrdinalIgnoreCase)
            || message.Contains("Cannot allocate memory", StringComparison.OrdinalIgnoreCase));

    /// <summary>Whether <paramref name="message"/> is ONNX Runtime stopping because <c>RunOptions.Terminate</c> was set.</summary>
    public static bool IsTerminated(string? message) =>
        message is not null && message.Contains("terminate flag", StringComparison.OrdinalIgnoreCase);

    /// <summary>Why a model that ONNX Runtime could not load was refused.</summary>
    public static string LoadRefusal(string? message) => IsOutOfMemory(message)
        ? $"{MemorySentence} while it was loaded (a constant or initializer that large cannot be run here)."
        : "ONNX Runtime could not load the model: the graph is malformed or uses an operator or type it does not support. " +
          "Check that it loads with onnx.checker.check_model and runs with onnxruntime in Python on a [N, 3, H, W] float32 batch.";

    /// <summary>Why a model failed while it ran over the images.</summary>
    public static string RunFailure(string? message) => IsOutOfMemory(message)
        ? $"{MemorySentence}."
        : "ONNX Runtime could not run the model on these images (an operator's inputs do not fit it, or a shape inside the model " +
          "does not match the input size). Check that it runs with onnxruntime in Python on a batch of the size you set.";
}
