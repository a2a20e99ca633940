using System.Globalization;

namespace Portal.Core.Submissions;

/// <summary>
/// One problem found in an uploaded file, located by line (1-based, 1 = the header), or with no line (null) when it
/// concerns the whole file (empty, too large, a model that does not fit), which then prints as the message alone.
/// </summary>
public sealed record SubmissionProblem(ProblemCode Code, int? Line, string Message, string? Column = null, string? ImageId = null)
{
    /// <summary>The problem as one line a student can act on, e.g. <c>line 12, column ans: ...</c>.</summary>
    public override string ToString() => Format(Line, Column, Message);

    /// <summary>
    /// A problem at <paramref name="line"/> (null, or 0 from an older portal: the whole file, then the message alone) and <paramref name="column"/> as
    /// one line, e.g. <c>line 12, column ans: ...</c>: the one format of a file's problems, whether read here or sent back by the portal.
    /// </summary>
    public static string Format(int? line, string? column, string message)
    {
        if (line is not int number || number <= 0)
        {
            return message;
        }

        var where = string.Create(CultureInfo.InvariantCulture, $"line {number}");
        if (!string.IsNullOrEmpty(column))
        {
            where += $", column {column}";
        }

        return $"{where}: {message}";
    }
}
