using System.CommandLine;
using Portal.Cli.Input;
using Portal.Cli.Output;
using Portal.Core.Scoring;
using Portal.Core.Trust;

namespace Portal.Cli.Commands;

/// <summary>
/// <c>portal board --truth info.csv A.csv B.csv ... [--resamples 1000] [--seed 42] [--json] [--classes N]</c>: the
/// files ranked as a leaderboard (macro F1, higher first; equal scores keep the order given), with intervals and tiers.
/// </summary>
internal static class BoardCommand
{
    public static Command Create()
    {
        var truth = CommonOptions.Truth(required: true);
        var submissions = new Argument<string[]>("submissions")
        {
            Description = "One submission per team (labels or probabilities); equal scores rank in the order given.",
            Arity = ArgumentArity.OneOrMore,
        };
        var resamples = CommonOptions.Resamples();
        var seed = CommonOptions.Seed();
        var json = CommonOptions.Json();
        var classes = CommonOptions.Classes();
        var command = new Command("board", "Rank submissions as a leaderboard with 95% intervals, and band together those whose differences are within noise.")
        {
            truth, submissions, resamples, seed, json, classes,
        };
        command.SetAction(CommandRunner.Action((parse, stdout) =>
        {
            var taxonomy = CommonOptions.Taxonomy(parse.GetValue(classes));
            var resampleCount = CommonOptions.ResampleCount(parse.GetValue(resamples));
            var paths = parse.GetRequiredValue(submissions);
            var groundTruth = InputFiles.ReadTruth(parse.GetRequiredValue(truth), taxonomy);
            var predictions = InputFiles.ReadSubmissions(paths, groundTruth.Images, taxonomy);
            var labels = predictions.Select(p => (ReadOnlyMemory<byte>)p.Labels.ToArray()).ToArray();
            var macroF1 = labels.Select(l => ClassificationMetrics.MacroF1(ConfusionMatrix.Compute(groundTruth.Labels, l.Span, taxonomy.Count))).ToArray();
            var order = Enumerable.Range(0, paths.Length).OrderByDescending(i => macroF1[i]).ThenBy(i => i).ToArray();
            var board = BoardTiers.Compute(groundTruth.Labels, order.Select(i => labels[i]).ToArray(), taxonomy.Count, resampleCount, parse.GetValue(seed));
            var files = order.Select(i => paths[i]).ToArray();
            if (parse.GetValue(json))
            {
                JsonReport.WriteBoard(stdout, board, files);
            }
            else
            {
                TrustText.WriteBoard(stdout, board, files, groundTruth.Count);
            }
        }));
        return command;
    }
}
