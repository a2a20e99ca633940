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
    public static int Run(string[] args, TextWriter stdout, TextWriter stderr) =>
        RunAsync(args, stdout, stderr).GetAwaiter().GetResult();

    /// <summary>
    /// Runs <c>portal</c> with <paramref name="args"/> as <see cref="Run"/> does; the participant commands reach the portal
    /// and read their settings through <paramref name="environment"/> (null: the network, the process's environment
    /// variables and <c>~/.config/portal/config.json</c>). <paramref name="cancellationToken"/> stops a command as Ctrl+C does.
    /// Returns the exit code: see <see cref="ExitCodes"/>.
    /// </summary>
    public static Task<int> RunAsync(string[] args, TextWriter stdout, TextWriter stderr, CliEnvironment? environment = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(args);
        ArgumentNullException.ThrowIfNull(stdout);
        ArgumentNullException.ThrowIfNull(stderr);
        environment ??= CliEnvironment.Default;
        var root = new RootCommand("Portal: score, compare, ensemble and split image-classification submissions, run ONNX models over images, check how far scores can be trusted, read training curves, and submit to a portal.")
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
            SubmitCommand.Create(environment),
            SubmissionsCommand.Create(environment),
            LeaderboardCommand.Create(environment),
            DownloadCommand.Create(environment),
        };
        var invocation = new InvocationConfiguration { Output = stdout, Error = stderr };
        return root.Parse(args).InvokeAsync(invocation, cancellationToken);
    }
}
