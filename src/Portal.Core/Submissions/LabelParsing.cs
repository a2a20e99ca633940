using System.Globalization;

namespace Portal.Core.Submissions;

/// <summary>Reads a class label field: a whole number in [0, C) (see <see cref="ClassIndexText"/> for how it may be written).</summary>
internal static class LabelParsing
{
    /// <summary>Parses <paramref name="span"/> as a label in [0, <paramref name="classCount"/>), reporting nothing.</summary>
    public static bool TryParse(ReadOnlySpan<byte> span, int classCount, out byte label)
    {
        var valid = ClassIndexText.Parse(span, out var value) == ClassIndexSyntax.Whole && value >= 0 && value < classCount;
        label = valid ? (byte)value : (byte)0;
        return valid;
    }

    /// <summary>
    /// Parses <paramref name="span"/>; on failure adds the problem (at <paramref name="line"/>) and returns false.
    /// <paramref name="cut"/> says the field was longer than what was kept of it; <paramref name="missing"/> names what an
    /// empty or NaN field lacks ("prediction" in a submission, "label" in a truth file).
    /// </summary>
    public static bool TryParse(ReadOnlySpan<byte> span, int classCount, ProblemCollector problems, int line, string column, out byte label, bool cut = false,
        string missing = "prediction")
    {
        label = 0;
        if (!cut && TryParse(span, classCount, out label))
        {
            return true;
        }

        // Only a refused label is shown: the text of every accepted one would be a string per row.
        long value = 0;
        var syntax = cut ? ClassIndexSyntax.NotANumber : ClassIndexText.Parse(span, out value);
        var shown = CsvSource.Shorten(span) + (cut ? "…" : "");
        switch (syntax)
        {
            case ClassIndexSyntax.NotANumber when !cut && MissingValueText.Is(span):
                problems.AddFolded(ProblemCode.NotAnInteger, line, span.IsEmpty ? "The label is empty" : $"'{shown}' is not a whole number",
                    MissingValueText.Fix(column, missing), column);
                return false;
            case ClassIndexSyntax.NotANumber:
                // Text such as 'mask' or 'inf': the class's name or a model's raw output where its number belongs.
                problems.AddFolded(ProblemCode.NotAnInteger, line, $"'{shown}' is not a whole number", $"; {Rule(classCount)} (a class's number, not its name).", column);
                return false;
            case ClassIndexSyntax.Fraction:
                problems.AddFolded(ProblemCode.NotAnInteger, line, $"'{shown}' is not a whole number",
                    $"; write class indices as integers (in pandas: df['{column}'] = df['{column}'].astype(int)).", column);
                return false;
        }

        problems.AddFolded(ProblemCode.LabelOutOfRange, line, $"Label {shown} is out of range", $"; {Rule(classCount)}.", column);
        return false;
    }

    /// <summary>What a label must be, for the sentences that refuse one: the class indices of the competition's <paramref name="classCount"/> classes.</summary>
    private static string Rule(int classCount) =>
        string.Create(CultureInfo.InvariantCulture, $"labels are class indices, whole numbers from 0 to {classCount - 1}");
}
