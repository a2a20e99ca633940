using System.CommandLine;
using Portal.Core.Ensembles;
using Portal.TrainingRuns;

namespace Portal.Cli.Commands;

/// <summary>Runs a command's body and turns every user mistake into sentences on stderr and exit code 2.</summary>
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
        catch (CliException e)
        {
            foreach (var line in e.Lines)
            {
                stderr.WriteLine(line);
            }
        }
        catch (EnsembleException e)
        {
            stderr.WriteLine(e.Message);
        }
        catch (RunFileRejectedException e)
        {
            // The file, the record or line, and the reason, in one sentence.
            stderr.WriteLine(e.Message);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            // Files can vanish or be locked between our checks and the read or write.
            stderr.WriteLine($"A file could not be read or written: {e.Message}");
        }

        return ExitCodes.InvalidInput;
    };
}
