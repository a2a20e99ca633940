using Microsoft.AspNetCore.Components;
using Portal.Application.Comparison;
using Portal.Application.Ensembles;

namespace Portal.Web.Components.Shared;

/// <summary>
/// The ensemble builder: pick a team's scored submissions and their weights, see how much they agree
/// (labels only), choose the method and submit; then follow the new submission's progress.
/// </summary>
public sealed partial class EnsembleBuilder
{
    [Inject]
    private EnsembleService Ensembles { get; set; } = default!;

    [Inject]
    private ManyComparisonService Comparisons { get; set; } = default!;

    [Parameter, EditorRequired]
    public CompetitionContext Context { get; set; } = default!;

    /// <summary>Submissions to preselect, as <c>1,2,3</c>.</summary>
    [Parameter]
    public string? Ids { get; set; }

    private int? _teamId;
    private IReadOnlyList<ManyComparisonMember>? _candidates;
    private readonly Dictionary<int, double> _weights = [];
    private string _method = "hard";
    private string? _description;
    private ManyComparisonView? _preview;
    private string? _previewError;
    private string? _error;
    private int? _submittedId;
    private bool _submitting;

    private bool AllHaveProbabilities => _candidates is not null && _weights.Count > 0 &&
                                         _candidates.Where(c => _weights.ContainsKey(c.Submission.Id)).All(c => c.HasProbabilities);

    private string LabelsOnlyText
    {
        get
        {
            var names = _candidates!.Where(c => _weights.ContainsKey(c.Submission.Id) && !c.HasProbabilities).Select(c => "#" + c.Submission.Id).ToList();
            return names.Count == 1 ? $"{names[0]} has labels only" : $"{string.Join(", ", names)} have labels only";
        }
    }

    private string DefaultDescription => $"Ensemble ({_method}) of {string.Join(", ", _weights.Keys.Order().Select(id => "#" + id))}";

    protected override async Task OnParametersSetAsync()
    {
        if (!IdList.TryParse(Ids, out var wanted))
        {
            wanted = [];
        }

        _teamId = Context.MyTeam?.Id;
        if (Context.Viewer.IsHost && wanted.Count > 0 && await Ensembles.TeamOfAsync(Context.Competition.Id, wanted, Context.Viewer) is int team)
        {
            // A host builds over the team whose submissions were picked.
            _teamId = team;
        }

        _candidates = _teamId is int teamId ? await Ensembles.CandidatesAsync(teamId, Context.Viewer) : [];
        _weights.Clear();
        foreach (var id in wanted.Where(id => _candidates.Any(c => c.Submission.Id == id)))
        {
            _weights[id] = 1.0;
        }

        await RefreshPreviewAsync();
    }

    private async Task ToggleAsync(int id, bool picked)
    {
        if (picked)
        {
            _weights.TryAdd(id, 1.0);
        }
        else
        {
            _weights.Remove(id);
        }

        if (!AllHaveProbabilities)
        {
            _method = "hard";
        }

        await RefreshPreviewAsync();
    }

    private async Task RefreshPreviewAsync()
    {
        _preview = null;
        _previewError = null;
        if (_weights.Count < 2)
        {
            return;
        }

        var outcome = await Comparisons.CompareAsync(Context.Competition.Id, _weights.Keys.Order().ToList(), Context.Viewer, judge: false, cluster: false);
        _preview = outcome.View;
        _previewError = outcome.Error;
    }

    private async Task SubmitAsync()
    {
        _submitting = true;
        _error = null;
        try
        {
            var request = new EnsembleRequest(_method, _weights.OrderBy(w => w.Key).Select(w => new EnsembleMemberRequest(w.Key, w.Value)).ToList(), _description);
            var outcome = await Ensembles.SubmitAsync(Context.Competition, request, Context.Viewer);
            _submittedId = outcome.SubmissionId ?? _submittedId;
            _error = outcome.Accepted ? null : outcome.Error;
            if (outcome.Accepted && _teamId is int teamId)
            {
                _candidates = await Ensembles.CandidatesAsync(teamId, Context.Viewer);
            }
        }
        finally
        {
            _submitting = false;
        }
    }
}
