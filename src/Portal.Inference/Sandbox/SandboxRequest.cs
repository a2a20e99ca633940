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

    /// <summary>
    /// The competition's attribute axes' sizes, in order (mask 3, gender 2, age 3), when it has axes: a model with one
    /// output per head is then taken and combined into the classes. Null: one output of class scores only.
    /// </summary>
    public IReadOnlyList<int>? HeadSizes { get; init; }

    /// <summary>The axes' names, in the order of <see cref="HeadSizes"/>.</summary>
    public IReadOnlyList<string>? HeadNames { get; init; }

    /// <summary>
    /// The attribute head a single-head model is for (one of a team's three tagged files; <see cref="ClassCount"/> is
    /// then that head's size), so a refusal speaks of the head's values; null for any other model.
    /// </summary>
    public string? Head { get; init; }

    /// <summary>The heads <see cref="HeadSizes"/> and <see cref="HeadNames"/> describe, or null.</summary>
    public Portal.Core.Competitions.AttributeHeads? Heads() =>
        HeadSizes is { Count: > 1 } sizes ? new Portal.Core.Competitions.AttributeHeads(sizes, HeadNames?.Count == sizes.Count ? HeadNames : null) : null;

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
