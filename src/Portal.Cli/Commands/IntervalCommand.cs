using System.CommandLine;
using Portal.Cli.Input;
using Portal.Cli.Output;
using Portal.Core.Trust;

namespace Portal.Cli.Commands;

/// <summary><c>portal interval --truth info.csv --submission sub.csv [--resamples 1000] [--seed 42] [--json] [--classes N]</c>.</summary>
internal static class IntervalCommand
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
        var resamples = CommonOptions.Resamples();
        var seed = CommonOptions.Seed();
        var json = CommonOptions.Json();
        var classes = CommonOptions.Classes();
        var command = new Command("interval", "Macro F1 with its 95% bootstrap interval over the images: how far the score could move on other images like these.")
        {
            truth, submission, resamples, seed, json, classes,
        };
        command.SetAction(CommandRunner.Action((parse, stdout) =>
        {
            var taxonomy = CommonOptions.Taxonomy(parse.GetValue(classes));
            var resampleCount = CommonOptions.ResampleCount(parse.GetValue(resamples));
            var seedValue = parse.GetValue(seed);
            var submissionPath = parse.GetRequiredValue(submission);
            var groundTruth = InputFiles.ReadTruth(parse.GetRequiredValue(truth), taxonomy);
            var predictions = InputFiles.ReadSubmission(submissionPath, groundTruth.Images, taxonomy);
            var scores = BootstrapScores.Compute(groundTruth.Labels, [predictions.Labels.ToArray()], taxonomy.Count, resampleCount, seedValue);
            var interval = scores.Interval(0);
            if (parse.GetValue(json))
            {
                JsonReport.WriteInterval(stdout, interval, scores);
            }
            else
            {
                TrustText.WriteInterval(stdout, submissionPath, interval, scores);
            }
        }));
        return command;
    }
}
