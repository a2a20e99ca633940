namespace Portal.Inference.Sandbox;

/// <summary>The sandboxed runner could not do its work for a reason of the server's (missing, could not start, incomplete output): retry the job.</summary>
public sealed class SandboxUnavailableException : Exception
{
    public SandboxUnavailableException()
    {
    }

    public SandboxUnavailableException(string message)
        : base(message)
    {
    }

    public SandboxUnavailableException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
