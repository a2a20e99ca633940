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
