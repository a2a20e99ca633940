namespace Portal.Cli.Commands;

/// <summary>
/// A user mistake (a missing or invalid file, an option value out of range): its lines are printed
/// on stderr as they are, and <c>portal</c> exits with <see cref="ExitCodes.InvalidInput"/>.
/// </summary>
internal sealed class CliException : Exception
{
    public CliException(string message)
        : this([message])
    {
    }

    public CliException(IReadOnlyList<string> lines)
        : base(lines.Count > 0 ? lines[0] : "The input was rejected.")
    {
        Lines = lines;
    }

    /// <summary>The sentence and the details under it, one per line.</summary>
    public IReadOnlyList<string> Lines { get; }
}
