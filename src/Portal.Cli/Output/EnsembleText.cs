using System.Globalization;
using Portal.Cli.Commands;
using Portal.Core.Submissions;

namespace Portal.Cli.Output;

/// <summary>The human-readable report of <c>portal ensemble</c>.</summary>
internal static class EnsembleText
{
    public static void Write(TextWriter writer, EnsembleResult result)
    {
        var what = result.Format == SubmissionFormat.Labels ? "labels (ImageID,ans)" : "probabilities (ImageID and one column per class)";
        writer.WriteLine($"Wrote {result.OutPath}: {Format.Count(result.Count)} images, {what}.");
        writer.WriteLine($"Method: {result.Method}");
        var members = new TextTable("member", ">weight");
        for (var i = 0; i < result.Members.Count; i++)
        {
            members.AddRow(result.Members[i], result.Weights[i].ToString(CultureInfo.InvariantCulture));
        }

        members.Write(writer, "  ");
    }
}
