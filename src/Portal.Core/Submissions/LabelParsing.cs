using System.Buffers.Text;
using System.Globalization;

namespace Portal.Core.Submissions;

/// <summary>Reads a class label field: a whole number in [0, C).</summary>
internal static class LabelParsing
{
    /// <summary>Parses <paramref name="span"/>; on failure adds the problem (at <paramref name="line"/>) and returns false.</summary>
    public static bool TryParse(ReadOnlySpan<byte> span, int classCount, ProblemCollector problems, int line, string column, out byte label)
    {
        label = 0;
        if (span.IsEmpty || !Utf8Parser.TryParse(span, out int value, out var consumed) || consumed != span.Length)
        {
            problems.Add(ProblemCode.NotAnInteger, line,
                span.IsEmpty ? "The label is empty; it must be a whole number." : $"'{CsvSource.Shorten(span)}' is not a whole number.", column);
            return false;
        }

        if (value < 0 || value >= classCount)
        {
            problems.Add(ProblemCode.LabelOutOfRange, line,
                string.Create(CultureInfo.InvariantCulture, $"Label {value} is out of range; labels are 0 to {classCount - 1}."), column);
            return false;
        }

        label = (byte)value;
        return true;
    }
}
