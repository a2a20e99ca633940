using System.Globalization;

namespace Portal.Core.Submissions;

/// <summary>
/// One problem found in an uploaded file, located by line (1-based, 1 = the header), or with no line (null) when it
/// concerns the whole file (empty, too large, a model that does not fit), which then prints as the message alone.
/// </summary>
public sealed record SubmissionProblem(ProblemCode Code, int? Line, string Message, string? Column = null, string? ImageId = null)
{
    /// <summary>The problem as one line a student can act on, e.g. <c>line 12, column ans: ...</c>.</summary>
    public override string ToString()
    {
        if (Line is not int line)
        {
            return Message;
        }

        var where = string.Create(CultureInfo.InvariantCulture, $"line {line}");
        if (Column is not null)
        {
            where += $", column {Column}";
        }

        return $"{where}: {Message}";
    }
}
