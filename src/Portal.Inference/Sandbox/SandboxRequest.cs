using Portal.Inference.Onnx;
using Portal.Inference.Preprocessing;

namespace Portal.Inference.Sandbox;

/// <summary>
/// What the parent asks the runner (written as JSON into the run's folder; its path is the runner's first line of
/// standard input). Every path is absolute: the runner's working directory is an empty folder.
/// </summary>
public sealed record SandboxRequest
{
    public required SandboxCommand Command { get; init; }

    /// <summary>The model's bytes, copied into the run's folder.</summary>
    public required string ModelPath { get; init; }

    /// <summary>The competition's number of classes: the width of the model's output.</summary>
    public required int ClassCount { get; init; }

    /// <summary>Where the runner writes its <see cref="SandboxReply"/> (JSON).</summary>
    public required string ReplyPath { get; init; }

    /// <summary>The most memory the runner may use, in bytes (its address-space limit on a CPU run).</summary>
    public required long MemoryLimitBytes { get; init; }

    public ExecutionProviderChoice Provider { get; init; } = ExecutionProviderChoice.Cpu;

    /// <summary>ONNX Runtime's threads inside one operator; 0 lets it choose.</summary>
    public int IntraOpThreads { get; init; }

    /// <summary>Run: images per batch.</summary>
    public int BatchSize { get; init; } = 32;

    /// <summary>Run: the preprocessing of every view.</summary>
    public PreprocessOptions? Preprocess { get; init; }

    /// <summary>Run: the TTA preset (<see cref="Tta.TtaPlan"/>).</summary>
    public string Tta { get; init; } = "none";

    /// <summary>Run: how the views are merged (<see cref="Tta.TtaMerger"/>).</summary>
    public string Merge { get; init; } = "mean";

    /// <summary>Run: the complete decoded-image cache file the images are read from (opened read-only, shared).</summary>
    public string? CachePath { get; init; }

    /// <summary>Run: where the probabilities are written: each view's, then the merged, row-major float32 [images, classes].</summary>
    public string? ProbabilitiesPath { get; init; }
}
