using System.Globalization;
using Portal.Core.Competitions;
using Portal.Inference.Preprocessing;
using Portal.Inference.Tta;

namespace Portal.Application.Models;

/// <summary>
/// The preprocessing fields of a model upload as typed on the Submit page or sent to the API (text), with the
/// defaults of <see cref="PreprocessOptions"/>; <see cref="Validate"/> turns them into <see cref="ModelRunSettings"/>
/// or the sentences saying what is wrong.
/// </summary>
public sealed class ModelSettingsInput
{
    public string Width { get; set; } = "224";

    public string Height { get; set; } = "224";

    /// <summary>stretch or crop.</summary>
    public string Resize { get; set; } = "stretch";

    /// <summary>Three numbers, R,G,B.</summary>
    public string Mean { get; set; } = Triple(PreprocessOptions.DefaultMean);

    /// <summary>Three numbers, R,G,B.</summary>
    public string Std { get; set; } = Triple(PreprocessOptions.DefaultStd);

    /// <summary>rgb or bgr.</summary>
    public string Channels { get; set; } = "rgb";

    /// <summary>One of <see cref="TtaPlan.Names"/>.</summary>
    public string Tta { get; set; } = "none";

    /// <summary>mean, gmean, max, min or tsharpen.</summary>
    public string Merge { get; set; } = "mean";

    /// <summary>One weight per model file, comma-separated; empty for equal weights.</summary>
    public string Weights { get; set; } = "";

    /// <summary>
    /// One attribute head per model file, comma-separated (<c>mask,gender,age</c>), for three single-head models combined
    /// into the classes by the product of their probabilities; empty when each file gives every class's scores.
    /// </summary>
    public string Heads { get; set; } = "";

    /// <summary>The merge names the form offers.</summary>
    public static IReadOnlyList<string> MergeNames { get; } = ["mean", "gmean", "max", "min", "tsharpen"];

    /// <summary>
    /// Checks the fields for a submission of <paramref name="members"/> model files, for a competition whose classes
    /// are combinations of <paramref name="heads"/> (its attribute axes; null when it has none).
    /// </summary>
    public (ModelRunSettings? Settings, IReadOnlyList<string> Problems) Validate(int members, AttributeHeads? heads = null)
    {
        var problems = new List<string>();
        var width = Integer(Width, "width", problems);
        var height = Integer(Height, "height", problems);
        ResizeMode? resize = Normal(Resize, "stretch") switch
        {
            "stretch" => ResizeMode.Stretch,
            "crop" => ResizeMode.Crop,
            _ => null,
        };
        if (resize is null)
        {
            problems.Add($"Resize must be stretch or crop; got '{Resize}'.");
        }

        ChannelOrder? channels = Normal(Channels, "rgb") switch
        {
            "rgb" => ChannelOrder.Rgb,
            "bgr" => ChannelOrder.Bgr,
            _ => null,
        };
        if (channels is null)
        {
            problems.Add($"The channel order must be RGB or BGR; got '{Channels}'.");
        }

        var mean = Numbers(Mean, "mean", PreprocessOptions.DefaultMean, problems);
        var std = Numbers(Std, "standard deviation", PreprocessOptions.DefaultStd, problems);
        if (mean is { Length: not 3 })
        {
            problems.Add($"The mean must be three numbers (R,G,B); got {mean.Length}.");
        }

        if (std is { Length: not 3 })
        {
            problems.Add($"The standard deviation must be three numbers (R,G,B); got {std.Length}.");
        }

        var merge = Normal(Merge, "mean");
        if (!TtaMerger.TryParse(merge, out _))
        {
            problems.Add($"The merge must be one of {string.Join(", ", MergeNames)}; got '{Merge}'.");
        }

        var weights = WeightsFor(members, problems);
        var tags = HeadsFor(members, heads, problems);
        if (problems.Count > 0 || width is not { } w || height is not { } h || mean is null || std is null)
        {
            return (null, problems);
        }

        var settings = new ModelRunSettings(w, h, resize!.Value, mean.Select(v => (float)v).ToArray(), std.Select(v => (float)v).ToArray(),
            channels!.Value, Normal(Tta, "none"), merge, weights!, tags);
        problems.AddRange(settings.Preprocess().Problems());
        if (problems.Count == 0 && !TtaPlan.TryGetViews(settings.Tta, w, h, out _, out var ttaProblem))
        {
            problems.Add(ttaProblem!);
        }

        return problems.Count > 0 ? (null, problems) : (settings, []);
    }

    private double[]? WeightsFor(int members, List<string> problems)
    {
        if (string.IsNullOrWhiteSpace(Weights))
        {
            return Enumerable.Repeat(1.0, members).ToArray();
        }

        var weights = Numbers(Weights, "weights", [], problems);
        if (weights is null)
        {
            return null;
        }

        if (weights.Length != members)
        {
            problems.Add($"Give one weight per model file: {members} file(s), {weights.Length} weight(s).");
            return null;
        }

        if (weights.Any(v => v < 0) || weights.Sum() <= 0)
        {
            problems.Add("The weights must be zero or more, and at least one must be positive.");
            return null;
        }

        return weights;
    }

    /// <summary>The head of each file (the axes' own spelling), null when none is tagged; a problem when they do not name each head once.</summary>
    private string[]? HeadsFor(int members, AttributeHeads? heads, List<string> problems)
    {
        if (string.IsNullOrWhiteSpace(Heads))
        {
            return null;
        }

        if (heads is null)
        {
            problems.Add("This competition's classes are not combinations of attributes, so model files cannot be tagged as attribute heads; leave the heads empty.");
            return null;
        }

        var parts = Heads.Split(',', StringSplitOptions.TrimEntries);
        var expected = string.Join(", ", heads.Names);
        if (parts.Length != members || members != heads.Sizes.Count)
        {
            problems.Add(string.Create(CultureInfo.InvariantCulture,
                $"Tag one model file per attribute head, in the order of the files: {heads.Sizes.Count} files tagged {expected}; you sent {members} file(s) and {parts.Length} tag(s)."));
            return null;
        }

        var tags = new string[parts.Length];
        for (var i = 0; i < parts.Length; i++)
        {
            var index = heads.IndexOf(parts[i]);
            if (index < 0)
            {
                problems.Add($"'{parts[i]}' is not an attribute head of this competition; tag each model file with one of {expected}.");
                return null;
            }

            tags[i] = heads.Names[index];
        }

        if (tags.GroupBy(t => t).FirstOrDefault(g => g.Count() > 1) is { } twice)
        {
            problems.Add($"Two model files are tagged '{twice.Key}'; tag each head ({expected}) exactly once.");
            return null;
        }

        return tags;
    }

    private static string Normal(string? value, string fallback) =>
        string.IsNullOrWhiteSpace(value) ? fallback : value.Trim().ToLowerInvariant();

    private static int? Integer(string? value, string name, List<string> problems)
    {
        if (int.TryParse(value?.Trim(), NumberStyles.Integer, CultureInfo.InvariantCulture, out var number))
        {
            return number;
        }

        problems.Add($"The {name} must be a whole number of pixels; got '{value}'.");
        return null;
    }

    private static double[]? Numbers(string? value, string name, IReadOnlyList<float> fallback, List<string> problems)
    {
        if (string.IsNullOrWhiteSpace(value))
        {
            return fallback.Select(v => (double)v).ToArray();
        }

        var parts = value.Split(',', StringSplitOptions.TrimEntries);
        var numbers = new double[parts.Length];
        for (var i = 0; i < parts.Length; i++)
        {
            if (!double.TryParse(parts[i], NumberStyles.Float, CultureInfo.InvariantCulture, out numbers[i]) || !double.IsFinite(numbers[i]))
            {
                problems.Add($"The {name} must be numbers separated by commas, such as 0.5,0.5,0.5; '{parts[i]}' is not a number.");
                return null;
            }
        }

        return numbers;
    }

    private static string Triple(IReadOnlyList<float> values) =>
        string.Join(",", values.Select(v => v.ToString(CultureInfo.InvariantCulture)));
}
