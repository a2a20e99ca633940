using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Forms;
using Microsoft.Extensions.Logging;
using Portal.Application.Access;
using Portal.Application.Submissions;
using Portal.Application.TrainingRuns;
using Portal.Core.Submissions;
using Portal.Data.Storage;
using Portal.TrainingRuns.Series;
using Portal.TrainingRuns.Settings;
using Portal.Web.Components.Shared.Charts;

namespace Portal.Web.Components.Shared;

/// <summary>
/// The training runs of the Submissions page: attach a run to one of the team's submissions, overlay the curves of the
/// chosen runs per tag (each fold its own line), each run's last and best validation F1 beside its public score, publish
/// after the close, and two runs' settings side by side. Everything it shows comes from <see cref="TrainingRunService"/>.
/// </summary>
public sealed partial class TrainingRunsPanel
{
    /// <summary>Tags drawn at first when a run has them: names holding these words (loss, validation F1, learning rate).</summary>
    private static readonly string[] DefaultTagWords = ["loss", "f1", "lr", "learning_rate"];

    /// <summary>How many runs are overlaid at first (the newest).</summary>
    private const int ShownAtFirst = 3;

    private readonly HashSet<int> _shown = [];
    private readonly Dictionary<int, TrainingRunView> _loaded = [];
    private IReadOnlyList<TrainingRunView>? _runs;
    private IReadOnlyCollection<string> _tags = [];
    private IReadOnlyList<IBrowserFile> _files = [];
    private IReadOnlyList<SettingDifference>? _differences;
    private string? _commit;
    private string? _error;
    private bool _busy;
    private int _target;
    private int _left;
    private int _right;

    [Inject]
    private TrainingRunService Runs { get; set; } = default!;

    [Inject]
    private ITemporaryFiles Temporaries { get; set; } = default!;

    [Inject]
    private ILogger<TrainingRunsPanel> Logger { get; set; } = default!;

    /// <summary>The competition, the viewer and its team.</summary>
    [Parameter, EditorRequired]
    public CompetitionContext Context { get; set; } = default!;

    private IReadOnlyList<TrainingRunView> Uploaded => _runs?.Where(r => r.UploadedAtUtc is not null).ToList() ?? [];

    private IReadOnlyList<TrainingRunView> Targets => _runs?.Where(r => r.IsOwn && (Context.MyTeam is not null || Context.Viewer.TokenTeamId is not null)).ToList() ?? [];

    private bool MayPublish => VisibilityPolicy.MayPublishTrainingRuns(Context.Competition);

    private IReadOnlyList<string> AllTags => _shown.Where(_loaded.ContainsKey).SelectMany(id => _loaded[id].Tags).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).ToList();

    private string PickedText => _files.Count switch
    {
        0 => "",
        1 => _files[0].Name,
        _ => $"{_files.Count} files",
    };

    protected override async Task OnParametersSetAsync() => await ReloadAsync();

    private async Task ReloadAsync()
    {
        _runs = await Runs.ListAsync(Context.Competition, Context.Viewer);
        var targets = Targets;
        _target = targets.FirstOrDefault(t => t.UploadedAtUtc is null)?.SubmissionId ?? (targets.Count > 0 ? targets[0].SubmissionId : 0);
        if (_shown.Count == 0)
        {
            foreach (var run in Uploaded.Take(ShownAtFirst))
            {
                await ShowAsync(run.SubmissionId, true);
            }
        }

        var uploaded = Uploaded;
        if (uploaded.Count >= 2 && _left == 0)
        {
            await CompareAsync(uploaded[1].SubmissionId, uploaded[0].SubmissionId);
        }
    }

    private async Task ShowAsync(int submissionId, bool show)
    {
        if (!show)
        {
            _shown.Remove(submissionId);
            return;
        }

        if (await LoadAsync(submissionId) is null)
        {
            return;
        }

        // Tags this run brings that no shown run had are chosen when they are the usual ones (a wandb "val_f1" beside a TensorBoard "val/f1").
        var before = AllTags;
        _shown.Add(submissionId);
        var added = AllTags.Except(before, StringComparer.Ordinal)
            .Where(t => DefaultTagWords.Any(w => t.Contains(w, StringComparison.OrdinalIgnoreCase)));
        _tags = [.. _tags.Union(added, StringComparer.Ordinal)];
    }

    private async Task<TrainingRunView?> LoadAsync(int submissionId)
    {
        if (!_loaded.TryGetValue(submissionId, out var run) && await Runs.FindAsync(submissionId, Context.Viewer) is { } found)
        {
            run = found;
            _loaded[submissionId] = run;
        }

        return run;
    }

    private void PickTags(IReadOnlyCollection<string>? tags) => _tags = tags ?? [];

    /// <summary>
    /// One line per shown run and fold of <paramref name="tag"/>, named "#id fold", each thinned to at most
    /// <see cref="TrainingRunOptions.MaxChartPoints"/> points for the browser (the table's last and best come from the full series).
    /// </summary>
    private List<TrainingCurve> CurvesOf(string tag) => _shown.Order()
        .Where(_loaded.ContainsKey)
        .SelectMany(id => _loaded[id].Series.Where(s => s.Tag == tag)
            .Select(s => (Name: s.Run == "." ? $"#{id}" : $"#{id} {s.Run}", Points: SeriesThinning.Thin(s.Steps, s.Values, ChartPoints)))
            .Select(c => new TrainingCurve(c.Name, c.Points.Steps, c.Points.Values)))
        .ToList();

    private int ChartPoints => Math.Max(SeriesThinning.MinPoints, Runs.Options.MaxChartPoints);

    private async Task CompareAsync(int left, int right)
    {
        _left = left;
        _right = right;
        _differences = null;
        if (left != 0 && right != 0 && await LoadAsync(left) is { } a && await LoadAsync(right) is { } b)
        {
            _differences = TrainingRunService.SettingsDifferences(a, b);
        }
    }

    private void Pick(IReadOnlyList<IBrowserFile>? files)
    {
        _files = files ?? [];
        _error = null;
    }

    private async Task UploadAsync()
    {
        _busy = true;
        _error = null;
        var kept = new List<TemporaryFile>();
        IBrowserFile? current = null;
        try
        {
            // The readers read synchronously and a zip needs to seek: the browser's streams are copied to the server first.
            var uploads = new List<TrainingRunUpload>();
            foreach (var file in _files)
            {
                current = file;
                var most = file.Name.EndsWith(".zip", StringComparison.OrdinalIgnoreCase) ? Runs.Options.MaxUploadBytes : Runs.Options.MaxFileBytes;
                var temporary = Temporaries.CreateFile();
                kept.Add(temporary);
                await using var source = file.OpenReadStream(Runs.Options.MaxUploadBytes);
                var (length, complete) = await UploadFiles.CopyAtMostAsync(source, temporary.Path, most + 1, CancellationToken.None);
                var path = temporary.Path;
                uploads.Add(new TrainingRunUpload(file.Name, complete ? length : null, () => File.OpenRead(path)));
            }

            var outcome = await Runs.UploadAsync(_target, uploads, string.IsNullOrWhiteSpace(_commit) ? null : _commit.Trim(), Context.Viewer);
            if (outcome.Run is { } run)
            {
                _loaded[run.SubmissionId] = run;
                _files = [];
                _commit = null;
                await ReloadAsync();
                await ShowAsync(run.SubmissionId, true);
            }
            else
            {
                _error = outcome.Error ?? "That submission is not your team's.";
            }
        }
        catch (IOException e)
        {
            // The exception's text can name this server's folders: it goes to the log, the team gets a sentence.
            LogUploadStopped(Logger, e, current?.Name);
            _error = UploadStopped(current, Runs.Options.MaxUploadBytes);
        }
        finally
        {
            foreach (var temporary in kept)
            {
                temporary.Dispose();
            }

            _busy = false;
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "A training-run upload of {File} stopped")]
    private static partial void LogUploadStopped(ILogger logger, Exception exception, string? file);

    /// <summary>Why a browser upload of <paramref name="file"/> stopped, in words that name no server path.</summary>
    internal static string UploadStopped(IBrowserFile? file, long maxUploadBytes) => file switch
    {
        null => "The upload stopped before it finished; nothing was stored. Try again.",
        _ when file.Size > maxUploadBytes =>
            $"'{file.Name}' is {ByteSize.Format(file.Size)}, larger than the limit of {ByteSize.Format(maxUploadBytes)} for a training run; nothing was stored.",
        _ => $"The upload of '{file.Name}' stopped before it finished (the connection dropped or the server could not keep it); nothing was stored. Try again.",
    };

    private async Task PublishAsync(int submissionId, bool published)
    {
        var change = await Runs.SetPublishedAsync(submissionId, published, Context.Viewer);
        _error = change.Conflict ?? (change.NotFound ? "That run is not your team's." : null);
        await ReloadAsync();
    }
}
