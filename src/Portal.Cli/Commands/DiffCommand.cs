using System.CommandLine;
using Portal.Cli.Input;
using Portal.Cli.Output;
using Portal.Core.Comparison;
using Portal.Core.Competitions;
using Portal.Core.Scoring;

namespace Portal.Cli.Commands;

/// <summary><c>portal diff A.csv B.csv [--truth info.csv] [--json] [--classes N] [--seed 42] [--resamples 1000]</c>.</summary>
internal static class DiffCommand
{
    public static Command Create()
    {
        var a = new Argument<string>("A") { Description = "The first submission (rows of the transition matrix)." };
        var b = new Argument<string>("B") { Description = "The second submission (columns of the transition matrix)." };
        var truth = CommonOptions.Truth(required: false);
        truth.Description += " With it, also per-class F1, McNemar and a bootstrap interval.";
        var json = CommonOptions.Json();
        var classes = CommonOptions.Classes();
        var seed = CommonOptions.Seed();
        var resamples = CommonOptions.Resamples();
        var command = new Command("diff", "Compare two submissions: agreement, kappa, transition matrix; with --truth, which one is better and by how much.")
        {
            a, b, truth, json, classes, seed, resamples,
        };
        command.SetAction(CommandRunner.Action((parse, stdout) =>
        {
            var taxonomy = CommonOptions.Taxonomy(parse.GetValue(classes));
            var resampleCount = CommonOptions.ResampleCount(parse.GetValue(resamples));
            var result = Compute(parse.GetRequiredValue(a), parse.GetRequiredValue(b), parse.GetValue(truth), taxonomy,
                parse.GetValue(seed), resampleCount);
            if (parse.GetValue(json))
            {
                JsonReport.WriteDiff(stdout, result);
            }
            else
            {
                DiffText.Write(stdout, result, taxonomy);
            }
        }));
        return command;
    }

    private static DiffResult Compute(string pathA, string pathB, string? truthPath, ClassTaxonomy taxonomy, ulong seed, int resamples)
    {
        if (truthPath is null)
        {
            // No hidden set: A's ids are the image set, and both files are read against it, so B
            // is held to every rule (same ids, each once) and A to all but those about other ids.
            InputFiles.RequireFile(pathB, "submission");
            var images = InputFiles.ReadIds(pathA);
            var predictionsA = InputFiles.ReadSubmission(pathA, images, taxonomy);
            var predictionsB = InputFiles.ReadSubmission(pathB, images, taxonomy);
            return new DiffResult(pathA, pathB, PairComparer.Compare(predictionsA.Labels, predictionsB.Labels, taxonomy), null);
        }

        var groundTruth = InputFiles.ReadTruth(truthPath, taxonomy);
        var both = InputFiles.ReadSubmissions([pathA, pathB], groundTruth.Images, taxonomy);
        var labelsA = both[0].Labels;
        var labelsB = both[1].Labels;
        var scored = new TruthComparison(
            truthPath,
            Scorer.Score(groundTruth.Labels, labelsA, taxonomy),
            Scorer.Score(groundTruth.Labels, labelsB, taxonomy),
            McNemarTable.Compute(groundTruth.Labels, labelsA, labelsB),
            PairedBootstrap.MacroF1Difference(groundTruth.Labels, labelsA, labelsB, taxonomy.Count, resamples, seed));
        return new DiffResult(pathA, pathB, PairComparer.Compare(labelsA, labelsB, taxonomy), scored);
    }
}
