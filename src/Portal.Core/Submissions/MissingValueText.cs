using System.Text;

namespace Portal.Core.Submissions;

/// <summary>
/// How a missing value is written by pandas (<c>NaN</c>, <c>nan</c>, <c>&lt;NA&gt;</c>, <c>None</c>), R (<c>NA</c>) and
/// spreadsheets (<c>#N/A</c>, <c>null</c>): in a prediction column it means the image got no prediction, so the fix is to
/// find those rows, not to convert the column's type.
/// </summary>
internal static class MissingValueText
{
    private static readonly byte[][] Tokens =
        [.. new[] { "nan", "-nan", "na", "<na>", "n/a", "#n/a", "none", "null" }.Select(Encoding.ASCII.GetBytes)];

    /// <summary>
    /// Whether <paramref name="field"/> (trimmed UTF-8) is empty (what pandas' <c>to_csv</c> writes for NaN by default) or
    /// one of those spellings, in any case.
    /// </summary>
    public static bool Is(ReadOnlySpan<byte> field)
    {
        if (field.IsEmpty)
        {
            return true;
        }

        foreach (var token in Tokens)
        {
            if (System.Text.Ascii.EqualsIgnoreCase(field, token))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>
    /// The sentence's tail for a missing value in <paramref name="column"/>: what it means (the image has no
    /// <paramref name="what"/>: "prediction" in a submission, "label" in a truth file) and how to find the rows in pandas.
    /// </summary>
    public static string Fix(string column, string what = "prediction") =>
        $": this image has no {what} (a missing value); give every image one (in pandas, df[df['{column}'].isna()] lists the rows without one).";
}
