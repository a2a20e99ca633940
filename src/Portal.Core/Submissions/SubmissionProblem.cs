using System.Globalization;

namespace Portal.Core.Submissions;

/// <summary>One problem found in an uploaded file, located by line (1-based; 0 when it concerns the whole file, which then prints as the message alone).</summary>
public sealed record SubmissionProblem(ProblemCode Code, int Line, string Message, string? Column = null, string? ImageId = null)
{
    /// <summary>The problem as one line a student can act on, e.g. <c>line 12, column ans: ...</c>.</summary>
    public override string ToString()
    {
        if (Line <= 0)
        {
            return Message;
        }

        var where = string.Create(CultureInfo.InvariantCulture, $"line {Line}");
        if (Column is not null)
        {
            where += $", column {Column}";
        }

        return $"{where}: {Message}";
    }
}
