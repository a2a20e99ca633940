namespace Portal.Core.Submissions;

/// <summary>Gathers problems up to a cap and counts the rest.</summary>
internal sealed class ProblemCollector(int maxListed)
{
    private readonly List<SubmissionProblem> _listed = [];

    public int Total { get; private set; }

    public bool Any => Total > 0;

    public IReadOnlyList<SubmissionProblem> Listed => _listed;

    public void Add(ProblemCode code, int line, string message, string? column = null, string? imageId = null)
    {
        Total++;
        if (_listed.Count < maxListed)
        {
            _listed.Add(new SubmissionProblem(code, line, message, column, imageId));
        }
    }

    public ReadResult<T> Result<T>(Func<T> value) where T : class =>
        Any ? new ReadResult<T>(null, _listed, Total) : new ReadResult<T>(value(), [], 0);
}
