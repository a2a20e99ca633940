using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Portal.Application.Access;
using Portal.Data;
using Portal.Data.Entities;
using Portal.TrainingRuns;
using Portal.TrainingRuns.Series;

namespace Portal.Application.TrainingRuns;

/// <summary>
/// Training runs beside submissions (PRODUCT.md "Training runs"): a team attaches the run that produced a submission
/// (TensorBoard event files, histories, settings, a git commit; files or a zip of the run folder), reads its curves back,
/// and after the close may publish it. Who sees a run is <see cref="VisibilityPolicy.SeesTrainingRun"/>; who may change
/// it is <see cref="TeamAccess.MayOpenAsync"/>. A run is stored as one row with its series in one compact blob.
/// </summary>
public sealed partial class TrainingRunService(
    IDbContextFactory<PortalDbContext> dbFactory,
    IOptions<TrainingRunOptions> options,
    TimeProvider time,
    ILogger<TrainingRunService> logger)
{
    private static readonly JsonSerializerOptions Json = JsonSerializerOptions.Default;

    /// <summary>The limits uploads are held to.</summary>
    public TrainingRunOptions Options => options.Value;

    /// <summary>
    /// Reads <paramref name="files"/> (and a typed <paramref name="commit"/>, optional) and stores them as the training run of
    /// submission <paramref name="submissionId"/>, replacing any earlier run (its published flag is cleared). A file a
    /// reader refuses is refused with the reader's sentence (file, record or line) and nothing is stored.
    /// </summary>
    public async Task<TrainingRunUploadOutcome> UploadAsync(int submissionId, IReadOnlyList<TrainingRunUpload> files, string? commit, Viewer viewer, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(files);
        ArgumentNullException.ThrowIfNull(viewer);
        await using (var db = await dbFactory.CreateDbContextAsync(cancellationToken))
        {
            var submission = await db.Submissions.AsNoTracking().FirstOrDefaultAsync(s => s.Id == submissionId, cancellationToken);
            if (submission is null || !await TeamAccess.MayOpenAsync(db, submission.TeamId, viewer, cancellationToken))
            {
                return TrainingRunUploadOutcome.Missing;
            }
        }

        ParsedTrainingRun parsed;
        try
        {
            // The readers are synchronous and may read hundreds of megabytes: off the caller's thread (a Blazor circuit).
            parsed = await Task.Run(() => TrainingRunFiles.Read(files, commit, options.Value), cancellationToken);
        }
        catch (RunFileRejectedException e)
        {
            LogRefused(logger, submissionId, e.Problem, e.FileName);
            return TrainingRunUploadOutcome.Refused(e.Message, e.Problem is RunFileProblem.FileTooLarge or RunFileProblem.TooManyFiles);
        }

        var (tag, last, best) = ValidationSummary(parsed.Series);
        await using (var db = await dbFactory.CreateDbContextAsync(cancellationToken))
        {
            var run = await db.TrainingRuns.FirstOrDefaultAsync(r => r.SubmissionId == submissionId, cancellationToken);
            if (run is null)
            {
                run = new TrainingRun { SubmissionId = submissionId };
                db.TrainingRuns.Add(run);
            }

            run.SeriesBlob = TrainingRunBlob.Write(parsed.Series);
            run.SettingsJson = JsonSerializer.Serialize(parsed.Settings, Json);
            run.GitCommit = parsed.GitCommit;
            run.FileCount = parsed.Files;
            run.SeriesCount = parsed.Series.Count;
            run.PointCount = parsed.Points;
            run.ValidationTag = tag is { Length: <= TrainingRun.MaxTagLength } ? tag : null;
            run.ValidationF1Last = run.ValidationTag is null ? null : last;
            run.ValidationF1Best = run.ValidationTag is null ? null : best;
            run.IsPublished = false;
            run.UploadedAtUtc = time.GetUtcNow().UtcDateTime;
            await db.SaveChangesAsync(cancellationToken);
            LogStored(logger, submissionId, run.SeriesCount, run.PointCount, run.SeriesBlob.Length);
        }

        return new TrainingRunUploadOutcome(await FindAsync(submissionId, viewer, cancellationToken), false, null);
    }

    /// <summary>
    /// Stores the training run sent together with submission <paramref name="submissionId"/>, which was just accepted
    /// (<see cref="UploadAsync"/> on it). Never undoes the submission: a run a reader refuses, or one the server fails to
    /// read, gives an attachment whose <see cref="TrainingRunAttachment.Error"/> says the submission was accepted and why
    /// its run was not kept. Null when <paramref name="files"/> is empty (no run was sent).
    /// </summary>
    public async Task<TrainingRunAttachment?> AttachToAcceptedAsync(int submissionId, IReadOnlyList<TrainingRunUpload> files, string? commit, Viewer viewer, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(files);
        ArgumentNullException.ThrowIfNull(viewer);
        if (files.Count == 0)
        {
            return null;
        }

        string reason;
        try
        {
            var outcome = await UploadAsync(submissionId, files, commit, viewer, cancellationToken);
            if (outcome.Run is { } run)
            {
                return new TrainingRunAttachment(run, null);
            }

            reason = outcome.Error ?? "the submission is not your team's.";
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            // The submission is in; a failure here must not read as a failed submission (a client would send it again).
            LogAttachFailed(logger, e, submissionId);
            reason = "the server could not read it just now.";
        }

        return new TrainingRunAttachment(null, $"Submission #{submissionId} was accepted, but its training run was not kept: {reason} Attach the run to it again from the Submissions page (or the training-run endpoint).");
    }

    /// <summary>
    /// The training run of submission <paramref name="submissionId"/> with its series, or null when the viewer may not see
    /// it (no such submission, another team's unpublished run, or published but the competition still running). A
    /// submission of the viewer's own without a run gives a view with <see cref="TrainingRunView.UploadedAtUtc"/> null.
    /// </summary>
    public async Task<TrainingRunView?> FindAsync(int submissionId, Viewer viewer, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(viewer);
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var row = await db.Submissions.AsNoTracking()
            .Where(s => s.Id == submissionId)
            .Select(s => new { Submission = s, TeamName = s.Team!.Name, Competition = s.Team.Competition!, Run = db.TrainingRuns.FirstOrDefault(r => r.SubmissionId == s.Id) })
            .FirstOrDefaultAsync(cancellationToken);
        if (row is null)
        {
            return null;
        }

        var opens = await TeamAccess.MayOpenAsync(db, row.Submission.TeamId, viewer, cancellationToken);
        if (!VisibilityPolicy.SeesTrainingRun(viewer, row.Competition, opens, row.Run?.IsPublished == true))
        {
            return null;
        }

        return View(row.Submission, row.TeamName, row.Competition, row.Run, opens, viewer, withSeries: true);
    }

    /// <summary>
    /// The runs the viewer sees in a competition, newest submission first, without their series (see
    /// <see cref="FindAsync"/>): every run of its own team and of others it may see, plus its own team's submissions
    /// without a run yet (<see cref="TrainingRunView.UploadedAtUtc"/> null), to attach one to.
    /// </summary>
    public async Task<IReadOnlyList<TrainingRunView>> ListAsync(Competition competition, Viewer viewer, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(competition);
        ArgumentNullException.ThrowIfNull(viewer);
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var ownTeam = await TeamAccess.TeamInAsync(db, competition.Id, viewer, cancellationToken);
        // Two plain queries (the runs without their blobs, then their submissions and the team's own): both translate on every provider.
        var runs = await db.TrainingRuns.AsNoTracking()
            .Where(r => db.Submissions.Any(s => s.Id == r.SubmissionId && s.CompetitionId == competition.Id))
            .Select(r => new TrainingRun
            {
                SubmissionId = r.SubmissionId, SettingsJson = r.SettingsJson, GitCommit = r.GitCommit, FileCount = r.FileCount,
                SeriesCount = r.SeriesCount, PointCount = r.PointCount, ValidationTag = r.ValidationTag,
                ValidationF1Last = r.ValidationF1Last, ValidationF1Best = r.ValidationF1Best, IsPublished = r.IsPublished,
                UploadedAtUtc = r.UploadedAtUtc,
            })
            .ToDictionaryAsync(r => r.SubmissionId, cancellationToken);
        var ids = runs.Keys.ToList();
        var submissions = await db.Submissions.AsNoTracking()
            .Where(s => s.CompetitionId == competition.Id && (s.TeamId == ownTeam || ids.Contains(s.Id)))
            .Select(s => new { Submission = s, TeamName = s.Team!.Name })
            .ToListAsync(cancellationToken);
        var rows = submissions.Select(x => new { x.Submission, x.TeamName, Run = runs.GetValueOrDefault(x.Submission.Id) }).ToList();

        return rows
            .Where(x => VisibilityPolicy.SeesTrainingRun(viewer, competition, viewer.IsHost || x.Submission.TeamId == ownTeam, x.Run?.IsPublished == true))
            .OrderByDescending(x => x.Submission.CreatedAtUtc).ThenByDescending(x => x.Submission.Id)
            .Select(x => View(x.Submission, x.TeamName, competition, x.Run, viewer.IsHost || x.Submission.TeamId == ownTeam, viewer, withSeries: false))
            .ToList();
    }

    /// <summary>
    /// Publishes (or withdraws) the run of submission <paramref name="submissionId"/> for other teams. Only its own team
    /// (or a host) may; publishing waits for the close (<see cref="VisibilityPolicy.MayPublishTrainingRuns"/>).
    /// </summary>
    public async Task<TrainingRunChange> SetPublishedAsync(int submissionId, bool published, Viewer viewer, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(viewer);
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var submission = await db.Submissions.AsNoTracking().Include(s => s.Team).ThenInclude(t => t!.Competition)
            .FirstOrDefaultAsync(s => s.Id == submissionId, cancellationToken);
        if (submission?.Team?.Competition is not { } competition || !await TeamAccess.MayOpenAsync(db, submission.TeamId, viewer, cancellationToken))
        {
            return TrainingRunChange.Missing;
        }

        if (published && !VisibilityPolicy.MayPublishTrainingRuns(competition))
        {
            return new TrainingRunChange(false, "Training runs may be published once the competition is closed.");
        }

        var changed = await db.TrainingRuns.Where(r => r.SubmissionId == submissionId)
            .ExecuteUpdateAsync(s => s.SetProperty(r => r.IsPublished, published), cancellationToken);
        return changed == 0 ? new TrainingRunChange(true, null) : TrainingRunChange.Done;
    }

    /// <summary>The settings that differ between <paramref name="left"/> and <paramref name="right"/>, in key order (null on the side that lacks one).</summary>
    public static IReadOnlyList<Portal.TrainingRuns.Settings.SettingDifference> SettingsDifferences(TrainingRunView left, TrainingRunView right)
    {
        ArgumentNullException.ThrowIfNull(left);
        ArgumentNullException.ThrowIfNull(right);
        return new Portal.TrainingRuns.Settings.RunSettings(left.Settings).Differences(new Portal.TrainingRuns.Settings.RunSettings(right.Settings));
    }

    /// <summary>
    /// The validation F1 tag of a run (the first, in ordinal order, whose name holds "f1" and "val"; else the first holding
    /// "f1") and the mean over its runs (folds) of each one's last and best (highest) value.
    /// </summary>
    internal static (string? Tag, double? Last, double? Best) ValidationSummary(IReadOnlyList<TrainingRunSeries> series)
    {
        var tags = series.Select(s => s.Tag).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).ToList();
        var tag = tags.FirstOrDefault(t => t.Contains("f1", StringComparison.OrdinalIgnoreCase) && t.Contains("val", StringComparison.OrdinalIgnoreCase))
                  ?? tags.FirstOrDefault(t => t.Contains("f1", StringComparison.OrdinalIgnoreCase));
        if (tag is null)
        {
            return (null, null, null);
        }

        var summaries = series.Where(s => s.Tag == tag)
            .Select(s => SeriesSummary.Of(new ScalarSeries(s.Run, s.Tag, s.Steps, s.Values), MetricDirection.Higher))
            .Where(s => s.LastValue is { } v && double.IsFinite(v) && s.BestValue is not null)
            .ToList();
        return summaries.Count == 0 ? (tag, null, null) : (tag, summaries.Average(s => s.LastValue!.Value), summaries.Average(s => s.BestValue!.Value));
    }

    private static TrainingRunView View(Submission submission, string teamName, Competition competition, TrainingRun? run, bool own, Viewer viewer, bool withSeries)
    {
        var settings = run is null ? new Dictionary<string, string>()
            : JsonSerializer.Deserialize<Dictionary<string, string>>(run.SettingsJson, Json) ?? [];
        var series = withSeries && run is { SeriesBlob.Length: > 0 } ? TrainingRunBlob.Read(run.SeriesBlob) : [];
        return new TrainingRunView(
            submission.Id, teamName, submission.Description, submission.PublicScore,
            VisibilityPolicy.SeesPrivate(viewer, competition) ? submission.PrivateScore : null,
            run?.UploadedAtUtc, run?.IsPublished == true, own, run?.GitCommit, run?.ValidationTag, run?.ValidationF1Last, run?.ValidationF1Best,
            run?.FileCount ?? 0, new SortedDictionary<string, string>(settings, StringComparer.Ordinal), series);
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Training run for submission {SubmissionId} refused: {Problem} in {File}")]
    private static partial void LogRefused(ILogger logger, int submissionId, RunFileProblem problem, string file);

    [LoggerMessage(Level = LogLevel.Error, Message = "Training run sent with submission {SubmissionId} could not be stored")]
    private static partial void LogAttachFailed(ILogger logger, Exception exception, int submissionId);

    [LoggerMessage(Level = LogLevel.Information, Message = "Training run stored for submission {SubmissionId}: {Series} series, {Points} points, {Bytes} bytes")]
    private static partial void LogStored(ILogger logger, int submissionId, int series, long points, int bytes);
}
