using System.CommandLine;
using Portal.Cli.Output;
using Portal.TrainingRuns;

namespace Portal.Cli.Commands;

/// <summary><c>portal curves FILE_OR_DIR ... [--json]</c>.</summary>
internal static class CurvesCommand
{
    public static Command Create()
    {
        var paths = new Argument<string[]>("FILE_OR_DIR")
        {
            Description = "TensorBoard event files (events.out.tfevents.*), folders of them (one subfolder per fold or run), or CSV / JSON histories (wandb export, step + metric columns).",
            Arity = ArgumentArity.OneOrMore,
        };
        var json = CommonOptions.Json();
        var command = new Command("curves", "The scalar curves of training runs: per run and tag, the number of points, the last value and the best.")
        {
            paths, json,
        };
        command.SetAction(CommandRunner.Action((parse, stdout) =>
        {
            var set = TrainingRunReader.ReadPaths(parse.GetRequiredValue(paths));
            if (parse.GetValue(json))
            {
                JsonReport.WriteCurves(stdout, set);
            }
            else
            {
                CurvesText.Write(stdout, set);
            }
        }));
        return command;
    }
}
