using System.Globalization;
using Portal.Cli.Commands;
using Portal.Core.Competitions;
using Portal.Core.Submissions;

namespace Portal.Cli.Input;

/// <summary>Reads the truth and submission files of a command, turning every problem into a <see cref="CliException"/>.</summary>
internal static class InputFiles
{
    /// <summary>Reads and validates the truth file.</summary>
    public static GroundTruth ReadTruth(string path, ClassTaxonomy taxonomy)
    {
        RequireFile(path, "truth");
        var result = TruthCsvReader.Read(path, taxonomy.Count);
        return result.Value ?? throw new CliException(Describe(path, "truth file", result, taxonomy));
    }

    /// <summary>The images a submission names, to read it and others against when there is no truth.</summary>
    public static ImageIndex ReadIds(string path)
    {
        RequireFile(path, "submission");
        return SubmissionIdReader.Read(path);
    }

    /// <summary>Reads and validates one submission against <paramref name="images"/>.</summary>
    public static Predictions ReadSubmission(string path, ImageIndex images, ClassTaxonomy taxonomy) =>
        ReadSubmissions([path], images, taxonomy)[0];

    /// <summary>
    /// Reads and validates several submissions against the same images; when any is invalid, the
    /// problems of every invalid one are reported together.
    /// </summary>
    public static Predictions[] ReadSubmissions(IReadOnlyList<string> paths, ImageIndex images, ClassTaxonomy taxonomy)
    {
        foreach (var path in paths)
        {
            RequireFile(path, "submission");
        }

        var predictions = new Predictions[paths.Count];
        var lines = new List<string>();
        for (var i = 0; i < paths.Count; i++)
        {
            var result = PredictionCsvReader.Read(paths[i], images, taxonomy);
            if (result.Value is { } value)
            {
                predictions[i] = value;
            }
            else
            {
                lines.AddRange(Describe(paths[i], "submission", result, taxonomy));
            }
        }

        return lines.Count == 0 ? predictions : throw new CliException(lines);
    }

    /// <summary>Stops with a sentence when <paramref name="path"/> is not a file that exists.</summary>
    public static void RequireFile(string path, string role)
    {
        if (Directory.Exists(path))
        {
            throw new CliException($"The {role} file '{path}' is a folder; give the path of the file itself.");
        }

        if (!File.Exists(path))
        {
            throw new CliException($"The {role} file '{path}' does not exist.");
        }
    }

    /// <summary>Stops with a sentence when the folder <paramref name="path"/> is to be written in does not exist.</summary>
    public static void RequireWritableLocation(string path, string option)
    {
        if (Directory.Exists(path))
        {
            throw new CliException($"{option} '{path}' is a folder; give the path of the file to write.");
        }

        var folder = Path.GetDirectoryName(Path.GetFullPath(path));
        if (folder is not null && !Directory.Exists(folder))
        {
            throw new CliException($"{option} '{path}' cannot be written: the folder '{folder}' does not exist.");
        }
    }

    private static List<string> Describe<T>(string path, string what, ReadResult<T> result, ClassTaxonomy taxonomy) where T : class
    {
        var count = result.TotalProblems == 1 ? "1 problem" : string.Create(CultureInfo.InvariantCulture, $"{result.TotalProblems:N0} problems");
        var lines = new List<string> { $"{path} is not a valid {what} ({count}):" };
        lines.AddRange(result.Problems.Select(p => $"  {p}"));
        var more = result.TotalProblems - result.Problems.Count;
        if (more > 0)
        {
            lines.Add(string.Create(CultureInfo.InvariantCulture, $"  and {more:N0} more problem{(more == 1 ? "" : "s")}."));
        }

        if (taxonomy.Axes.Count > 0 && result.Problems.Any(p => p.Code == ProblemCode.LabelOutOfRange))
        {
            lines.Add($"Labels are checked against the {taxonomy.Count} mask x gender x age classes; pass --classes N for a task with another number of classes.");
        }

        return lines;
    }
}
