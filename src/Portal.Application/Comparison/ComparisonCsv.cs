using System.Globalization;
using System.Text;

namespace Portal.Application.Comparison;

/// <summary>The differing images of a comparison as CSV, for a spreadsheet or a script.</summary>
public static class ComparisonCsv
{
    /// <summary>Header <c>ImageID,a,b,a_name,b_name,flips</c> (attributes joined by +), plus <c>truth</c> where the viewer may see correctness.</summary>
    public static string Differences(ComparisonView view, int? a = null, int? b = null, string? flip = null)
    {
        ArgumentNullException.ThrowIfNull(view);
        var text = new StringBuilder(view.ShowsCorrectness ? "ImageID,a,b,a_name,b_name,flips,truth\n" : "ImageID,a,b,a_name,b_name,flips\n");
        foreach (var d in view.Differences.Where(d => (a is null || d.A == a) && (b is null || d.B == b) && (flip is null || d.Flips.Contains(flip))))
        {
            text.Append(Field(d.ImageId)).Append(',')
                .Append(d.A.ToString(CultureInfo.InvariantCulture)).Append(',')
                .Append(d.B.ToString(CultureInfo.InvariantCulture)).Append(',')
                .Append(Field(view.ClassNames[d.A])).Append(',')
                .Append(Field(view.ClassNames[d.B])).Append(',')
                .Append(string.Join('+', d.Flips));
            if (view.ShowsCorrectness)
            {
                text.Append(',').Append(d.Truth?.ToString(CultureInfo.InvariantCulture));
            }

            text.Append('\n');
        }

        return text.ToString();
    }

    /// <summary>Reads an optional class number of a filter: absent is null; false when it is not one of 0 to <paramref name="classCount"/> - 1.</summary>
    public static bool TryParseClass(string? text, int classCount, out int? value)
    {
        value = null;
        if (string.IsNullOrEmpty(text))
        {
            return true;
        }

        if (!int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var number) || number >= classCount)
        {
            return false;
        }

        value = number;
        return true;
    }

    private static string Field(string value) =>
        value.AsSpan().IndexOfAny(",\"\r\n") >= 0 ? "\"" + value.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"" : value;
}
