namespace Portal.Core.Submissions;

/// <summary>
/// The outcome of reading a file: the value when the file is valid, otherwise the problems found
/// (listed up to a cap; <see cref="TotalProblems"/> counts them all).
/// </summary>
public sealed class ReadResult<T> where T : class
{
    internal ReadResult(T? value, IReadOnlyList<SubmissionProblem> problems, int totalProblems)
    {
        Value = value;
        Problems = problems;
        TotalProblems = totalProblems;
    }

    /// <summary>The value read; null when the file had problems.</summary>
    public T? Value { get; }

    /// <summary>The problems found, in the order of the file, up to the cap.</summary>
    public IReadOnlyList<SubmissionProblem> Problems { get; }

    /// <summary>All problems found, including those past the cap.</summary>
    public int TotalProblems { get; }

    /// <summary>Whether the file was read without problems.</summary>
    public bool IsValid => Value is not null;

    /// <summary>The value, or an exception listing the problems.</summary>
    public T GetValueOrThrow() =>
        Value ?? throw new InvalidDataException(string.Join(Environment.NewLine, Problems.Select(p => p.ToString())));
}
