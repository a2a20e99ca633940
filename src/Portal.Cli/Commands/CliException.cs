namespace Portal.Cli.Commands;

/// <summary>
/// A user mistake (a missing or invalid file, an option value out of range) or a refusal by the portal: its lines are
/// printed on stderr as they are, and <c>portal</c> exits with <see cref="ExitCode"/> (<see cref="ExitCodes.InvalidInput"/>
/// unless said otherwise).
/// </summary>
internal sealed class CliException : Exception
{
    public CliException(string message)
        : this([message])
    {
    }

    public CliException(IReadOnlyList<string> lines, int exitCode = ExitCodes.InvalidInput)
        : base(lines.Count > 0 ? lines[0] : "The input was rejected.")
    {
        Lines = lines;
        ExitCode = exitCode;
    }

    /// <summary>The sentence and the details under it, one per line.</summary>
    public IReadOnlyList<string> Lines { get; }

    /// <summary>What <c>portal</c> exits with: one of <see cref="ExitCodes"/>.</summary>
    public int ExitCode { get; }
}
