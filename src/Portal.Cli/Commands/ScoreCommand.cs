using System.CommandLine;
using Portal.Cli.Input;
using Portal.Cli.Output;
using Portal.Core.Scoring;

namespace Portal.Cli.Commands;

/// <summary><c>portal score --truth info.csv --submission sub.csv [--json] [--classes N]</c>.</summary>
internal static class ScoreCommand
{
    public static Command Create()
    {
        var truth = CommonOptions.Truth(required: true);
        var submission = new Option<string>("--submission")
        {
            Description = "The submission: ImageID,ans labels or ImageID and one probability column per class.",
            Required = true,
            HelpName = "sub.csv",
        };
        var json = CommonOptions.Json();
        var classes = CommonOptions.Classes();
        var command = new Command("score", "Score a submission against the truth: macro F1, weighted F1, accuracy, per class and per attribute.")
        {
            truth, submission, json, classes,
        };
        command.SetAction(CommandRunner.Action((parse, stdout) =>
        {
            var taxonomy = CommonOptions.Taxonomy(parse.GetValue(classes));
            var truthPath = parse.GetRequiredValue(truth);
            var submissionPath = parse.GetRequiredValue(submission);
            var groundTruth = InputFiles.ReadTruth(truthPath, taxonomy);
            var predictions = InputFiles.ReadSubmission(submissionPath, groundTruth.Images, taxonomy);
            var report = Scorer.Score(groundTruth.Labels, predictions.Labels, taxonomy);
            if (parse.GetValue(json))
            {
                JsonReport.WriteScore(stdout, report, taxonomy);
            }
            else
            {
                ScoreText.Write(stdout, report, taxonomy, submissionPath, truthPath);
            }
        }));
        return command;
    }
}
