using System.CommandLine;
using Portal.Core.Competitions;

namespace Portal.Cli.Commands;

/// <summary>Options several commands share; each command gets its own instances.</summary>
internal static class CommonOptions
{
    public static Option<bool> Json() => new("--json")
    {
        Description = "Write one JSON document (camelCase keys) to standard output instead of text.",
    };

    public static Option<int?> Classes() => new("--classes")
    {
        Description = "The number of classes, without attribute axes. Default: the 18 mask x gender x age classes.",
        HelpName = "N",
    };

    public static Option<string> Truth(bool required) => new("--truth")
    {
        Description = "The hidden set's labels: a CSV with the columns ImageID and ans.",
        Required = required,
        HelpName = "info.csv",
    };

    public static Option<ulong> Seed() => new("--seed")
    {
        Description = "The seed of the paired bootstrap: the same files and seed always give the same interval.",
        HelpName = "N",
        DefaultValueFactory = _ => 42,
    };

    public static Option<int> Resamples() => new("--resamples")
    {
        Description = "The number of bootstrap resamples.",
        HelpName = "N",
        DefaultValueFactory = _ => 1000,
    };

    /// <summary>The value of <c>--resamples</c>, checked.</summary>
    public static int ResampleCount(int resamples) => resamples is >= 1 and <= 1_000_000
        ? resamples
        : throw new CliException($"--resamples must be between 1 and 1,000,000; got {resamples}.");

    /// <summary>The taxonomy for <c>--classes</c>: the mask task when absent, else N plain classes.</summary>
    public static ClassTaxonomy Taxonomy(int? classes)
    {
        if (classes is null)
        {
            return ClassTaxonomy.MaskGenderAge;
        }

        if (classes is < 2 or > 256)
        {
            throw new CliException($"--classes must be between 2 and 256; got {classes}.");
        }

        return ClassTaxonomy.Plain(classes.Value);
    }
}
