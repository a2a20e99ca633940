using Portal.Inference.Onnx;

namespace Portal.Inference.Sandbox;

/// <summary>What the runner reports when it ends on its own (written as JSON to <see cref="SandboxRequest.ReplyPath"/>).</summary>
public sealed record SandboxReply
{
    public required SandboxOutcome Outcome { get; init; }

    /// <summary>Why it did not succeed, as a sentence a participant reads: never ONNX Runtime's raw text or a path.</summary>
    public string? Message { get; init; }

    /// <summary>ONNX Runtime's or .NET's own text, for the host's log only.</summary>
    public string? Detail { get; init; }

    /// <summary>What the model expects (a check or run that loaded it).</summary>
    public ModelShape? Shape { get; init; }

    /// <summary>Where the model ran.</summary>
    public ProviderReport? Provider { get; init; }

    /// <summary>Run: the index of the first image of the batch that failed.</summary>
    public int? FailedAtImage { get; init; }

    /// <summary>Run: the views, in the order of the probabilities file.</summary>
    public IReadOnlyList<string> Views { get; init; } = [];
}
