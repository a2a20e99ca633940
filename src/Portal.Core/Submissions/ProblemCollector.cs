using System.Globalization;

namespace Portal.Core.Submissions;

/// <summary>Gathers problems up to a cap and counts the rest.</summary>
internal sealed class ProblemCollector(int maxListed)
{
    // How many further lines a folded problem names before it only counts them.
    private const int FoldedLinesNamed = 5;
    private readonly List<SubmissionProblem> _listed = [];
    private Dictionary<(ProblemCode Code, string Tail), Fold>? _folds;

    public int Total { get; private set; }

    public bool Any => Total > 0;

    public IReadOnlyList<SubmissionProblem> Listed => _listed;

    public void Add(ProblemCode code, int? line, string message, string? column = null, string? imageId = null)
    {
        Total++;
        if (_listed.Count < maxListed)
        {
            _listed.Add(new SubmissionProblem(code, line, message, column, imageId));
        }
    }

    /// <summary>
    /// Adds a problem of a kind that, once made, is usually made on every row (a float label column, 1-based labels):
    /// the first is listed as <paramref name="head"/> + <paramref name="tail"/>, and later ones of the same code and
    /// tail are folded into it ("… (and 199 more lines like it: 3, 4, …); fix"), so one fix is said once, not per row.
    /// </summary>
    public void AddFolded(ProblemCode code, int line, string head, string tail, string? column = null, string? imageId = null)
    {
        _folds ??= [];
        if (_folds.TryGetValue((code, tail), out var fold))
        {
            fold.More++;
            if (fold.Lines.Count < FoldedLinesNamed)
            {
                fold.Lines.Add(line);
            }

            return;
        }

        _folds[(code, tail)] = new Fold(_listed.Count < maxListed ? _listed.Count : -1, head);
        Add(code, line, head + tail, column, imageId);
    }

    /// <summary>
    /// Replaces every problem of <paramref name="code"/> (<paramref name="count"/> of them, listed or only counted) by
    /// <paramref name="instead"/>, listed where the first of them was: one sentence for what every row got wrong the
    /// same way.
    /// </summary>
    public void Collapse(ProblemCode code, int count, SubmissionProblem instead)
    {
        var first = _listed.FindIndex(p => p.Code == code);
        _listed.RemoveAll(p => p.Code == code);
        _listed.Insert(first < 0 ? Math.Min(_listed.Count, maxListed - 1) : first, instead);
        if (_listed.Count > maxListed)
        {
            _listed.RemoveAt(_listed.Count - 1);
        }

        Total += 1 - count;
    }

    public ReadResult<T> Result<T>(Func<T> value) where T : class
    {
        if (!Any)
        {
            return new ReadResult<T>(value(), [], 0);
        }

        foreach (var ((_, tail), fold) in _folds ?? [])
        {
            if (fold.More > 0 && fold.Index >= 0)
            {
                var lines = string.Join(", ", fold.Lines.Select(l => l.ToString(CultureInfo.InvariantCulture)));
                var etc = fold.More > fold.Lines.Count ? ", …" : "";
                var more = fold.More == 1 ? "1 more line" : string.Create(CultureInfo.InvariantCulture, $"{fold.More:N0} more lines");
                _listed[fold.Index] = _listed[fold.Index] with { Message = $"{fold.Head} (and {more} like it: {lines}{etc}){tail}" };
            }
        }

        _folds = null;
        return new ReadResult<T>(null, _listed, Total);
    }

    private sealed class Fold(int index, string head)
    {
        public int Index { get; } = index;

        public string Head { get; } = head;

        public int More { get; set; }

        public List<int> Lines { get; } = [];
    }
}
