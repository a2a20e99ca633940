namespace Portal.Inference.Sandbox;

/// <summary>
/// A sandboxed model check or run failed because of the model. <see cref="Exception.Message"/> is a sentence for the
/// participant; <see cref="Detail"/> is the runtime's own text for the host's log. A failure of the server (the
/// runner could not start) is an ordinary exception instead, so the job is retried.
/// </summary>
public sealed class ModelRunFailedException : Exception
{
    public ModelRunFailedException()
    {
    }

    public ModelRunFailedException(string message)
        : base(message)
    {
    }

    public ModelRunFailedException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    public ModelRunFailedException(ModelRunFailure failure, string message, string? detail, int? failedAtImage = null)
        : base(message)
    {
        Failure = failure;
        Detail = detail;
        FailedAtImage = failedAtImage;
    }

    public ModelRunFailure Failure { get; }

    /// <summary>The runtime's text or the runner's standard error, for the host only.</summary>
    public string? Detail { get; }

    /// <summary>The first image of the batch a run failed on, when it failed while running.</summary>
    public int? FailedAtImage { get; }
}
