namespace Portal.Inference.Sandbox;

/// <summary>What the sandboxed runner is asked to do with a model.</summary>
public enum SandboxCommand
{
    /// <summary>Load the model and report its input and output (the upload check).</summary>
    Check,

    /// <summary>Run the model over a decoded-image cache with TTA and write the probabilities.</summary>
    Run,
}
