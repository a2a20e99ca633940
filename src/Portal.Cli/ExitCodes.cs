namespace Portal.Cli;

/// <summary>What <c>portal</c> exits with, for scripts.</summary>
public static class ExitCodes
{
    /// <summary>Done.</summary>
    public const int Success = 0;

    /// <summary>The command line itself could not be parsed (System.CommandLine's own errors).</summary>
    public const int UsageError = 1;

    /// <summary>
    /// A file or an option value was rejected; stderr says why. For the participant commands also: the portal refused the
    /// submission (its problems by line, the daily limit, the same file sent again), a submission failed or was cancelled
    /// under <c>--wait</c>, a training run was refused, or there is no such competition or submission of yours.
    /// </summary>
    public const int InvalidInput = 2;

    /// <summary>
    /// The participant commands could not be served: the portal could not be reached or did not answer in time, it refused
    /// the token or the request (401, 403), or it failed on its side (5xx). stderr says which, with the server's reason.
    /// </summary>
    public const int ServiceError = 3;
}
