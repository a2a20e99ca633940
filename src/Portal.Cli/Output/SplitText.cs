using System.Globalization;
using Portal.Cli.Commands;
using Portal.Core.Competitions;

namespace Portal.Cli.Output;

/// <summary>The human-readable report of <c>portal split</c>.</summary>
internal static class SplitText
{
    public static void Write(TextWriter writer, SplitResult result, ClassTaxonomy taxonomy)
    {
        var total = result.PublicCount + result.PrivateCount;
        writer.WriteLine(
            $"Split {Format.Count(total)} images: {result.PublicFraction.ToString(CultureInfo.InvariantCulture)} of each class public, seed {result.Seed}.");
        if (result.OutPath is not null)
        {
            writer.WriteLine($"Wrote {result.OutPath} (ImageID,split).");
        }

        writer.WriteLine();
        var table = new TextTable(">class", "name", ">images", ">public", ">private");
        for (var c = 0; c < taxonomy.Count; c++)
        {
            table.AddRow(Format.Plain(c), taxonomy.ClassNames[c], Format.Plain(result.PublicPerClass[c] + result.PrivatePerClass[c]),
                Format.Plain(result.PublicPerClass[c]), Format.Plain(result.PrivatePerClass[c]));
        }

        table.AddRow("", "total", Format.Plain(total), Format.Plain(result.PublicCount), Format.Plain(result.PrivateCount));
        table.Write(writer, "  ");
    }
}
