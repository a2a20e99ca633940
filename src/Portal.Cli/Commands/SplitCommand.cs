using System.CommandLine;
using Portal.Cli.Input;
using Portal.Cli.Output;
using Portal.Core.Competitions;

namespace Portal.Cli.Commands;

/// <summary><c>portal split --truth info.csv --public 0.5 --seed 42 [--out split.csv]</c>.</summary>
internal static class SplitCommand
{
    public static Command Create()
    {
        var truth = CommonOptions.Truth(required: true);
        var fraction = new Option<double>("--public")
        {
            Description = "The fraction of each class that goes on the public board, from 0 to 1.",
            Required = true,
            HelpName = "fraction",
        };
        var seed = new Option<ulong>("--seed")
        {
            Description = "The seed of the split: the same truth, fraction and seed always give the same split.",
            DefaultValueFactory = _ => 42,
            HelpName = "N",
        };
        var output = new Option<string>("--out")
        {
            Description = "Write the assignment as ImageID,split (public or private), in the truth's order.",
            HelpName = "split.csv",
        };
        var json = CommonOptions.Json();
        var classes = CommonOptions.Classes();
        var command = new Command("split", "Draw the stratified public/private split of a hidden set.")
        {
            truth, fraction, seed, output, json, classes,
        };
        command.SetAction(CommandRunner.Action((parse, stdout) =>
        {
            var taxonomy = CommonOptions.Taxonomy(parse.GetValue(classes));
            var publicFraction = parse.GetValue(fraction);
            if (!(publicFraction >= 0 && publicFraction <= 1))
            {
                throw new CliException($"--public must be a fraction from 0 to 1, such as 0.5; got {publicFraction.ToString(System.Globalization.CultureInfo.InvariantCulture)}.");
            }

            var outPath = parse.GetValue(output);
            if (outPath is not null)
            {
                InputFiles.RequireWritableLocation(outPath, "--out");
            }

            var groundTruth = InputFiles.ReadTruth(parse.GetRequiredValue(truth), taxonomy);
            var seedValue = parse.GetValue(seed);
            var split = PublicPrivateSplit.Create(groundTruth.Images.Ids, groundTruth.Labels, taxonomy.Count, publicFraction, seedValue);
            var publicPerClass = new int[taxonomy.Count];
            var privatePerClass = new int[taxonomy.Count];
            var labels = groundTruth.Labels;
            for (var i = 0; i < labels.Length; i++)
            {
                (split.IsPublic(i) ? publicPerClass : privatePerClass)[labels[i]]++;
            }

            if (outPath is not null)
            {
                SplitCsvWriter.Write(outPath, groundTruth.Images.Ids, split);
            }

            var result = new SplitResult(publicPerClass, privatePerClass, publicFraction, seedValue, outPath);
            if (parse.GetValue(json))
            {
                JsonReport.WriteSplit(stdout, result);
            }
            else
            {
                SplitText.Write(stdout, result, taxonomy);
            }
        }));
        return command;
    }
}
