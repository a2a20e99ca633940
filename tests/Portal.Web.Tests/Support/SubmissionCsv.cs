using System.Globalization;
using System.Text;

namespace Portal.Web.Tests.Support;

/// <summary>Labels CSVs for uploads: valid ones, and ones with known problems on known lines.</summary>
public static class SubmissionCsv
{
    /// <summary>A valid labels file: header, then every image once (in reverse order, since any order is allowed).</summary>
    public static string Labels(IReadOnlyList<string> imageIds, IReadOnlyList<byte> labels)
    {
        ArgumentNullException.ThrowIfNull(imageIds);
        ArgumentNullException.ThrowIfNull(labels);
        var csv = new StringBuilder("ImageID,ans\n");
        for (var i = imageIds.Count - 1; i >= 0; i--)
        {
            csv.Append(CultureInfo.InvariantCulture, $"{imageIds[i]},{labels[i]}\n");
        }

        return csv.ToString();
    }

    /// <summary>
    /// A file with two problems: the id of line 2 repeated on line 4 (in place of the image that line
    /// should name) and the label "banana" on line 3. Every other line is valid.
    /// </summary>
    public static string WithDuplicateIdAndBadLabel(IReadOnlyList<string> imageIds)
    {
        ArgumentNullException.ThrowIfNull(imageIds);
        var lines = imageIds.Select(id => $"{id},0").ToList();
        lines[1] = $"{imageIds[1]},banana";
        lines[2] = $"{imageIds[0]},0";
        return "ImageID,ans\n" + string.Join('\n', lines) + "\n";
    }
}
