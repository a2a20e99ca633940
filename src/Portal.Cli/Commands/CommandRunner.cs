using System.CommandLine;
using Portal.Core.Ensembles;
using Portal.TrainingRuns;

namespace Portal.Cli.Commands;

/// <summary>Runs a command's body and turns every user mistake into sentences on stderr and its exit code (2 unless the mistake says otherwise).</summary>
internal static class CommandRunner
{
    /// <summary>An action for <see cref="Command.SetAction(Func{ParseResult, int})"/>: the body gets the parse result and stdout.</summary>
    public static Func<ParseResult, int> Action(Action<ParseResult, TextWriter> body) => parse =>
    {
        var stdout = parse.InvocationConfiguration.Output;
        var stderr = parse.InvocationConfiguration.Error;
        try
        {
            body(parse, stdout);
            stdout.Flush();
            return ExitCodes.Success;
        }
        catch (Exception e) when (Explain(e, stderr) is int code)
        {
            return code;
        }
    };

    /// <summary>
    /// An asynchronous action (the participant commands, which talk to a portal): the body gets the parse result, stdout,
    /// stderr and the cancellation of Ctrl+C, and returns the exit code.
    /// </summary>
    public static Func<ParseResult, CancellationToken, Task<int>> AsyncAction(Func<ParseResult, TextWriter, TextWriter, CancellationToken, Task<int>> body) => async (parse, cancellationToken) =>
    {
        var stdout = parse.InvocationConfiguration.Output;
        var stderr = parse.InvocationConfiguration.Error;
        try
        {
            var code = await body(parse, stdout, stderr, cancellationToken);
            await stdout.FlushAsync(cancellationToken);
            return code;
        }
        catch (Exception e) when (Explain(e, stderr) is int code)
        {
            return code;
        }
    };

    /// <summary>Writes why <paramref name="e"/> happened and returns the exit code; null for an exception that is a bug (left to System.CommandLine).</summary>
    private static int? Explain(Exception e, TextWriter stderr)
    {
        switch (e)
        {
            case CliException cli:
                foreach (var line in cli.Lines)
                {
                    stderr.WriteLine(line);
                }

                return cli.ExitCode;
            case EnsembleException:
                stderr.WriteLine(e.Message);
                return ExitCodes.InvalidInput;
            case RunFileRejectedException:
                // The file, the record or line, and the reason, in one sentence.
                stderr.WriteLine(e.Message);
                return ExitCodes.InvalidInput;
            case IOException or UnauthorizedAccessException:
                // Files can vanish or be locked between our checks and the read or write.
                stderr.WriteLine($"A file could not be read or written: {e.Message}");
                return ExitCodes.InvalidInput;
            default:
                return null;
        }
    }
}
