using System.Globalization;

namespace Portal.Core.Submissions;

/// <summary>One problem found in an uploaded file, located by line (1-based; 0 when it concerns the whole file, which then prints as the message alone).</summary>
public sealed record SubmissionProblem(ProblemCode Code, int Line, string Message, string? Column = null, string? ImageId = null)
{
    /// <summary>The problem as one line a student can act on, e.g. <c>line 12, column ans: ...</c>.</summary>
    public override string ToString() => Format(Line, Column, Message);

    /// <summary>
    /// A problem at <paramref name="line"/> (0: the whole file, then the message alone) and <paramref name="column"/> as
    /// one line, e.g. <c>line 12, column ans: ...</c>: the one format of a file's problems, whether read here or sent back by the portal.
    /// </summary>
    public static string Format(int line, string? column, string message)
    {
        if (line <= 0)
        {
            return message;
        }

        var where = string.Create(CultureInfo.InvariantCulture, $"line {line}");
        if (!string.IsNullOrEmpty(column))
        {
            where += $", column {column}";
        }

        return $"{where}: {message}";
    }
}
