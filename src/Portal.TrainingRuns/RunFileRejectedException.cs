using System.Globalization;

namespace Portal.TrainingRuns;

/// <summary>
/// A training-run file refused by a reader: <see cref="Problem"/> says which rule it broke, <see cref="FileName"/>
/// which file (the name the caller gave, never resolved to a server path), and <see cref="Record"/> (1-based TFRecord
/// number, or row of a JSON array) or <see cref="Line"/> (1-based text line) where, when that is known.
/// The message is one sentence a student understands, starting with the file name and place.
/// </summary>
public sealed class RunFileRejectedException : Exception
{
    /// <summary>A refusal of the whole file.</summary>
    public RunFileRejectedException(RunFileProblem problem, string fileName, string reason)
        : this(problem, fileName, null, null, reason)
    {
    }

    private RunFileRejectedException(RunFileProblem problem, string fileName, long? record, long? line, string reason)
        : base(Compose(fileName, record, line, reason))
    {
        Problem = problem;
        FileName = fileName;
        Record = record;
        Line = line;
        Reason = reason;
    }

    /// <summary>The rule the file broke.</summary>
    public RunFileProblem Problem { get; }

    /// <summary>The file's name as given by the caller.</summary>
    public string FileName { get; }

    /// <summary>The 1-based record (TFRecord) or row (JSON array) the problem is in, when it is in one.</summary>
    public long? Record { get; }

    /// <summary>The 1-based line (CSV, JSON lines, YAML) the problem is on, when it is on one.</summary>
    public long? Line { get; }

    /// <summary>The sentence without the file name and place.</summary>
    public string Reason { get; }

    /// <summary>A refusal at record <paramref name="record"/> (1-based).</summary>
    public static RunFileRejectedException AtRecord(RunFileProblem problem, string fileName, long record, string reason) =>
        new(problem, fileName, record, null, reason);

    /// <summary>A refusal on line <paramref name="line"/> (1-based).</summary>
    public static RunFileRejectedException AtLine(RunFileProblem problem, string fileName, long line, string reason) =>
        new(problem, fileName, null, line, reason);

    private static string Compose(string fileName, long? record, long? line, string reason)
    {
        var where = record is { } r ? string.Create(CultureInfo.InvariantCulture, $", record {r:N0}")
            : line is { } l ? string.Create(CultureInfo.InvariantCulture, $", line {l:N0}")
            : "";
        return $"{fileName}{where}: {reason}";
    }
}
