using System.CommandLine;
using Portal.Cli.Input;
using Portal.Cli.Output;
using Portal.Core.Trust;

namespace Portal.Cli.Commands;

/// <summary><c>portal audit --truth info.csv A.csv B.csv ... [--top 50] [--json] [--classes N]</c>.</summary>
internal static class AuditCommand
{
    public static Command Create()
    {
        var truth = CommonOptions.Truth(required: true);
        var submissions = new Argument<string[]>("submissions")
        {
            Description = "Strong submissions (labels or probabilities) to vote on each image; at least two.",
            Arity = ArgumentArity.OneOrMore,
        };
        var top = new Option<int>("--top")
        {
            Description = "Show at most this many suspects, strongest first.",
            HelpName = "N",
            DefaultValueFactory = _ => 50,
        };
        var json = CommonOptions.Json();
        var classes = CommonOptions.Classes();
        var command = new Command("audit", "Find suspected label errors: images where most submissions agree on a label other than the truth.")
        {
            truth, submissions, top, json, classes,
        };
        command.SetAction(CommandRunner.Action((parse, stdout) =>
        {
            var taxonomy = CommonOptions.Taxonomy(parse.GetValue(classes));
            var paths = parse.GetRequiredValue(submissions);
            if (paths.Length < LabelAudit.MinimumSubmissions)
            {
                throw new CliException(
                    $"portal audit needs at least {LabelAudit.MinimumSubmissions} submissions to find where they agree against the truth; got {paths.Length}.");
            }

            var most = parse.GetValue(top);
            if (most < 1)
            {
                throw new CliException($"--top must be at least 1; got {most}.");
            }

            var groundTruth = InputFiles.ReadTruth(parse.GetRequiredValue(truth), taxonomy);
            var predictions = InputFiles.ReadSubmissions(paths, groundTruth.Images, taxonomy);
            var audit = LabelAudit.Find(groundTruth.Labels, predictions, taxonomy, limit: most);
            if (parse.GetValue(json))
            {
                JsonReport.WriteAudit(stdout, audit, groundTruth.Images, taxonomy);
            }
            else
            {
                TrustText.WriteAudit(stdout, audit, groundTruth.Images, taxonomy);
            }
        }));
        return command;
    }
}
