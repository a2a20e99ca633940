using Portal.Core.Submissions;

namespace Portal.Application.Competitions;

/// <summary>
/// The outcome of importing a hidden set: the image count, or every problem found, each with its info.csv line where it
/// is about one (a row of info.csv, an image it lists) and without one where it is about the whole set (not a zip, no
/// info.csv). <see cref="InConflict"/> marks a refusal because of the competition's state (its hidden set is already
/// scored on), not because of the files.
/// </summary>
public sealed record HiddenSetImportResult(int ImageCount, IReadOnlyList<SubmissionProblem> Problems, bool InConflict = false)
{
    /// <summary>The file every problem's line is in.</summary>
    public const string InfoFile = "info.csv";

    public bool Succeeded => Problems.Count == 0;

    /// <summary>How many problems were found in all; <see cref="Problems"/> lists the first of them (up to a cap).</summary>
    public int TotalProblems { get; init; } = Problems.Count;

    /// <summary>Each problem as the sentence a host reads: "info.csv line 4: ..." for one on a line, else the message alone.</summary>
    public IReadOnlyList<string> Sentences => Problems.Select(Sentence).ToList();

    /// <summary>
    /// The refusal in one sentence: the problem when there is one; else how many there are, and the first ("The hidden set
    /// has 2 problems; the first: info.csv line 3, column ans: ..."). Empty when the import succeeded.
    /// </summary>
    public string Summary => Problems.Count == 0 ? ""
        : TotalProblems <= 1 ? Sentence(Problems[0])
        : string.Create(System.Globalization.CultureInfo.InvariantCulture, $"The hidden set has {TotalProblems:N0} problems; the first: {Sentence(Problems[0])}");

    /// <summary>One problem as the sentence a host reads (see <see cref="Sentences"/>).</summary>
    public static string Sentence(SubmissionProblem problem)
    {
        ArgumentNullException.ThrowIfNull(problem);
        return problem.Line is null ? problem.Message : $"{InfoFile} {problem}";
    }

    /// <summary>Refused for a problem of the whole set (no line to name).</summary>
    public static HiddenSetImportResult Failed(string problem) => new(0, [new SubmissionProblem(ProblemCode.InvalidHiddenSet, null, problem)]);

    /// <summary>Refused because of the competition's state (HTTP 409), with the reason.</summary>
    public static HiddenSetImportResult Conflict(string reason) => new(0, [new SubmissionProblem(ProblemCode.InvalidHiddenSet, null, reason)], InConflict: true);
}
