namespace Portal.Cli;

/// <summary>What <c>portal</c> exits with, for scripts.</summary>
public static class ExitCodes
{
    /// <summary>Done.</summary>
    public const int Success = 0;

    /// <summary>The command line itself could not be parsed (System.CommandLine's own errors).</summary>
    public const int UsageError = 1;

    /// <summary>A file or an option value was rejected; stderr says why.</summary>
    public const int InvalidInput = 2;
}
