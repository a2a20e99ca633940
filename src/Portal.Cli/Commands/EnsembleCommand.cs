using System.CommandLine;
using System.Globalization;
using Portal.Cli.Input;
using Portal.Cli.Output;
using Portal.Core.Ensembles;
using Portal.Core.Submissions;

namespace Portal.Cli.Commands;

/// <summary>
/// <c>portal ensemble --method hard|soft|gmean [--weights 1,2,...] --out ens.csv A.csv B.csv ...</c>.
/// Hard voting writes labels (<c>ImageID,ans</c>); soft voting and the geometric mean write the
/// combined probabilities (<c>ImageID,0,...,C-1</c>), so the result can itself be soft-voted again.
/// </summary>
internal static class EnsembleCommand
{
    private static readonly string[] Methods = ["hard", "soft", "gmean"];

    public static Command Create()
    {
        var members = new Argument<string[]>("submissions")
        {
            Description = "The submissions to combine; all must cover the same images (those of the first).",
            Arity = ArgumentArity.OneOrMore,
        };
        var method = new Option<string>("--method")
        {
            Description = "hard: weighted vote of labels (writes labels); soft: weighted mean of probabilities; gmean: weighted geometric mean (both write probabilities).",
            Required = true,
        };
        method.AcceptOnlyFromAmong(Methods);
        var weights = new Option<string>("--weights")
        {
            Description = "One weight per submission, comma-separated (default: all 1).",
            HelpName = "w1,w2,...",
        };
        var output = new Option<string>("--out")
        {
            Description = "The CSV file to write: labels for hard voting, probabilities for soft and gmean.",
            Required = true,
            HelpName = "ens.csv",
        };
        var json = CommonOptions.Json();
        var classes = CommonOptions.Classes();
        var command = new Command("ensemble", "Combine submissions by hard, soft or geometric-mean voting into a new submission file.")
        {
            members, method, weights, output, json, classes,
        };
        command.SetAction(CommandRunner.Action((parse, stdout) =>
        {
            var taxonomy = CommonOptions.Taxonomy(parse.GetValue(classes));
            var paths = parse.GetRequiredValue(members);
            var methodName = parse.GetRequiredValue(method);
            var weightValues = ParseWeights(parse.GetValue(weights), paths.Length);
            var outPath = parse.GetRequiredValue(output);
            InputFiles.RequireWritableLocation(outPath, "--out");
            foreach (var path in paths)
            {
                InputFiles.RequireFile(path, "submission");
            }

            var images = InputFiles.ReadIds(paths[0]);
            // The first file defines the images; only once it is valid are the others worth checking against it.
            Predictions[] predictions = [InputFiles.ReadSubmission(paths[0], images, taxonomy), .. InputFiles.ReadSubmissions(paths[1..], images, taxonomy)];
            var ensembleMembers = paths.Select((p, i) => new EnsembleMember(predictions[i], weightValues[i], p)).ToArray();
            var ensembleMethod = methodName switch
            {
                "hard" => EnsembleMethod.Hard,
                "soft" => EnsembleMethod.Soft,
                _ => EnsembleMethod.GeometricMean,
            };
            var combined = EnsembleBuilder.Combine(ensembleMembers, ensembleMethod);
            var format = ensembleMethod == EnsembleMethod.Hard ? SubmissionFormat.Labels : SubmissionFormat.Probabilities;
            PredictionCsvWriter.Write(outPath, images, combined, format);

            var result = new EnsembleResult(methodName, paths, weightValues, outPath, combined.Count, format);
            if (parse.GetValue(json))
            {
                JsonReport.WriteEnsemble(stdout, result);
            }
            else
            {
                EnsembleText.Write(stdout, result);
            }
        }));
        return command;
    }

    /// <summary>The weights given, or 1 for every member; one per member, each a finite number of 0 or more.</summary>
    internal static double[] ParseWeights(string? text, int memberCount)
    {
        if (text is null)
        {
            return Enumerable.Repeat(1.0, memberCount).ToArray();
        }

        var parts = text.Split(',', StringSplitOptions.TrimEntries);
        if (parts.Length != memberCount)
        {
            throw new CliException(
                $"--weights has {parts.Length} value{(parts.Length == 1 ? "" : "s")} but {memberCount} submission{(memberCount == 1 ? " was" : "s were")} given; give one weight per submission.");
        }

        var values = new double[parts.Length];
        for (var i = 0; i < parts.Length; i++)
        {
            if (!double.TryParse(parts[i], NumberStyles.Float, CultureInfo.InvariantCulture, out values[i]) ||
                !double.IsFinite(values[i]) || values[i] < 0)
            {
                throw new CliException($"--weights: '{parts[i]}' is not a number of 0 or more.");
            }
        }

        return values;
    }
}
