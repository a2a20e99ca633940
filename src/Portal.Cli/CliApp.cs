using System.CommandLine;
using Portal.Cli.Commands;

namespace Portal.Cli;

/// <summary>The <c>portal</c> command: parses the arguments and runs one subcommand.</summary>
public static class CliApp
{
    /// <summary>
    /// Runs <c>portal</c> with <paramref name="args"/>, writing results to <paramref name="stdout"/>
    /// and problems to <paramref name="stderr"/>. Returns the exit code: see <see cref="ExitCodes"/>.
    /// </summary>
    public static int Run(string[] args, TextWriter stdout, TextWriter stderr)
    {
        ArgumentNullException.ThrowIfNull(args);
        ArgumentNullException.ThrowIfNull(stdout);
        ArgumentNullException.ThrowIfNull(stderr);
        var root = new RootCommand("Portal: score, compare, ensemble and split image-classification submissions, run ONNX models over images, check how far scores can be trusted, and read training curves.")
        {
            ScoreCommand.Create(),
            DiffCommand.Create(),
            EnsembleCommand.Create(),
            SplitCommand.Create(),
            InferCommand.Create(),
            IntervalCommand.Create(),
            BoardCommand.Create(),
            AuditCommand.Create(),
            CurvesCommand.Create(),
        };
        var invocation = new InvocationConfiguration { Output = stdout, Error = stderr };
        return root.Parse(args).Invoke(invocation);
    }
}
