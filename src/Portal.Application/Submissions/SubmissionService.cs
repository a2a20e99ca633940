using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Portal.Core.Submissions;
using Portal.Data;
using Portal.Data.Entities;
using Portal.Data.Storage;
using Portal.Application.Access;
using Portal.Application.Competitions;
using Portal.Application.Jobs;
using Portal.Application.Submissions.Intake;
using Portal.Application.Events;
using Portal.Application.Leaderboards;
using Portal.Application.Trust;

namespace Portal.Application.Submissions;

/// <summary>
/// Submissions: taking an upload (checked at once, so a wrong file costs nothing), the team's
/// history, final selection and downloads, each under the visibility rules.
/// </summary>
public sealed class SubmissionService(
    IDbContextFactory<PortalDbContext> dbFactory,
    IFileStorage storage,
    ITemporaryFiles temporaries,
    SubmissionIntake intake,
    SubmissionScorer scorer,
    IPortalEvents events,
    IOptions<PortalOptions> options)
{
    /// <summary>
    /// Takes a CSV upload: streams it to a temporary file (fingerprinting it on the way), validates it against the hidden
    /// set, scores it, stores the file (and its probabilities) and hands it to the <see cref="SubmissionIntake"/>, which
    /// writes the slot and the scored row in one transaction. The outcome carries the public score; there is no job.
    /// A refused upload stores nothing.
    /// </summary>
    public Task<SubmitOutcome> SubmitCsvAsync(Competition competition, int teamId, string? userId, Stream content, string fileName, string? description,
        ValidationScores? validation = null, CancellationToken cancellationToken = default) =>
        TakeCsvAsync(competition, teamId, userId, content, fileName, description, null, validation, cancellationToken);

    /// <summary>
    /// Records a CSV submission made at <paramref name="submittedAtUtc"/> (a history written after the fact, such as the
    /// demo's): the same checks, slot (on that day) and scoring as <see cref="SubmitCsvAsync"/>.
    /// </summary>
    public Task<SubmitOutcome> RecordCsvAsync(Competition competition, int teamId, Stream content, string fileName, string? description, DateTime submittedAtUtc,
        CancellationToken cancellationToken = default) =>
        TakeCsvAsync(competition, teamId, null, content, fileName, description, submittedAtUtc, null, cancellationToken);

    /// <summary>
    /// Takes a CSV upload already kept whole in a temporary file on this machine (<paramref name="localFile"/>, an API
    /// upload that the form reader wrote while reading it): the same checks, slot and scoring as
    /// <see cref="SubmitCsvAsync"/> without copying the bytes again. An accepted file is moved into storage; the caller
    /// still deletes its temporary file (gone when accepted). <paramref name="cutOff"/>: the reader stopped past its
    /// limit, so the file is refused as too large.
    /// </summary>
    public async Task<SubmitOutcome> SubmitKeptCsvAsync(Competition competition, int teamId, string localFile, bool cutOff, string fileName, string? description,
        ValidationScores? validation = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(competition);
        ArgumentException.ThrowIfNullOrEmpty(localFile);
        var (hidden, refusal) = await intake.OpenForSubmissionsAsync(competition);
        if (hidden is null)
        {
            return refusal!;
        }

        var size = new FileInfo(localFile).Length;
        if (cutOff || size > options.Value.MaxCsvBytes)
        {
            return TooLarge();
        }

        var contentHash = SubmissionFingerprint.OfBytes(localFile);
        return await TakeCheckedAsync(competition, hidden, teamId, null, localFile, size, contentHash, fileName, description, null, validation, cancellationToken);
    }

    private async Task<SubmitOutcome> TakeCsvAsync(Competition competition, int teamId, string? userId, Stream content, string fileName, string? description,
        DateTime? submittedAtUtc, ValidationScores? validation, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(competition);
        ArgumentNullException.ThrowIfNull(content);
        var (hidden, refusal) = await intake.OpenForSubmissionsAsync(competition);
        if (hidden is null)
        {
            return refusal!;
        }

        using var temporary = temporaries.CreateFile();
        using var fingerprint = new SubmissionFingerprint();
        var size = await UploadFiles.CopyLimitedAsync(content, temporary.Path, options.Value.MaxCsvBytes, cancellationToken, fingerprint);
        if (size < 0)
        {
            return TooLarge();
        }

        return await TakeCheckedAsync(competition, hidden, teamId, userId, temporary.Path, size, fingerprint.Finish(), fileName, description, submittedAtUtc, validation, cancellationToken);
    }

    private SubmitOutcome TooLarge() =>
        SubmitOutcome.Invalid([new SubmissionProblem(ProblemCode.FileTooLarge, null, $"The file is larger than the limit of {ByteSize.Format(options.Value.MaxCsvBytes)}.")], 1);

    /// <summary>
    /// Validates and scores the CSV in <paramref name="localFile"/> (whole, within the size limit, fingerprinted as
    /// <paramref name="contentHash"/>), moves it into storage and hands it to the intake.
    /// </summary>
    private async Task<SubmitOutcome> TakeCheckedAsync(Competition competition, LoadedHiddenSet hidden, int teamId, string? userId, string localFile, long size,
        string contentHash, string fileName, string? description, DateTime? submittedAtUtc, ValidationScores? validation, CancellationToken cancellationToken)
    {
        var read = PredictionCsvReader.Read(localFile, hidden.Truth.Images, hidden.Taxonomy,
            CsvReadOptions.Default with { MaxBytes = options.Value.MaxCsvBytes, MaxListedProblems = options.Value.MaxListedProblems });
        if (read.Value is not { } predictions)
        {
            return SubmitOutcome.Invalid(read.Problems, read.TotalProblems);
        }

        var scored = SubmissionScorer.Score(predictions, hidden);
        var key = $"submissions/{competition.Id}/{teamId}/{Guid.NewGuid():N}.csv";
        await storage.ImportAsync(key, localFile, cancellationToken);
        var probabilities = await scorer.KeepProbabilitiesAsync(competition.Id, predictions, cancellationToken);
        var kind = predictions.HasProbabilities ? SubmissionKind.ProbabilitiesCsv : SubmissionKind.LabelsCsv;
        var entry = new IntakeEntry(kind, description, Path.GetFileName(fileName), key, size, contentHash, new AlreadyScored(scored, probabilities))
        {
            SubmittedAtUtc = submittedAtUtc,
            Validation = validation,
        };
        return await intake.AcceptAsync(competition, teamId, userId, entry, cancellationToken);
    }

    /// <summary>A team's submissions, newest first, as the viewer may see them; empty when the viewer may not.</summary>
    public async Task<IReadOnlyList<SubmissionView>> ListForTeamAsync(int teamId, Viewer viewer, CancellationToken cancellationToken = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        if (!await TeamAccess.MayOpenAsync(db, teamId, viewer, cancellationToken))
        {
            return [];
        }

        var competition = await db.Teams.Where(t => t.Id == teamId).Select(t => t.Competition!).AsNoTracking().FirstAsync(cancellationToken);
        var rows = await db.Submissions.AsNoTracking().Include(s => s.Team).Where(s => s.TeamId == teamId)
            .OrderByDescending(s => s.CreatedAtUtc).ThenByDescending(s => s.Id).ToListAsync(cancellationToken);
        return rows.Select(s => View(s, competition, viewer)).ToList();
    }

    /// <summary>
    /// The competition's submissions the viewer may open, newest first: every team's for a host; the viewer's own team's
    /// for a member or a team token (of this competition); none for anyone else.
    /// </summary>
    public async Task<IReadOnlyList<SubmissionView>> ListForCompetitionAsync(Competition competition, Viewer viewer, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(competition);
        ArgumentNullException.ThrowIfNull(viewer);
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var teamId = viewer.IsHost ? null : await TeamAccess.TeamInAsync(db, competition.Id, viewer, cancellationToken);
        if (!viewer.IsHost && teamId is null)
        {
            return [];
        }

        var rows = await db.Submissions.AsNoTracking().Include(s => s.Team)
            .Where(s => s.CompetitionId == competition.Id && (teamId == null || s.TeamId == teamId))
            .OrderByDescending(s => s.CreatedAtUtc).ThenByDescending(s => s.Id).ToListAsync(cancellationToken);
        return rows.Select(s => View(s, competition, viewer)).ToList();
    }

    /// <summary>One submission, or null when it does not exist or the viewer may not see it.</summary>
    public async Task<SubmissionView?> FindAsync(int submissionId, Viewer viewer, CancellationToken cancellationToken = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var submission = await db.Submissions.AsNoTracking().Include(s => s.Team).ThenInclude(t => t!.Competition).FirstOrDefaultAsync(s => s.Id == submissionId, cancellationToken);
        if (submission?.Team?.Competition is not { } competition || !await TeamAccess.MayOpenAsync(db, submission.TeamId, viewer, cancellationToken))
        {
            return null;
        }

        return View(submission, competition, viewer);
    }

    /// <summary>The uploaded file, or null when the viewer may not have it.</summary>
    public async Task<(Stream Content, string FileName)?> OpenFileAsync(int submissionId, Viewer viewer, CancellationToken cancellationToken = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var submission = await db.Submissions.AsNoTracking().FirstOrDefaultAsync(s => s.Id == submissionId, cancellationToken);
        if (submission is null || string.IsNullOrEmpty(submission.FileKey) || !await storage.ExistsAsync(submission.FileKey, cancellationToken) ||
            !await TeamAccess.MayOpenAsync(db, submission.TeamId, viewer, cancellationToken))
        {
            return null;
        }

        return (await storage.OpenReadAsync(submission.FileKey, cancellationToken), submission.FileName);
    }

    /// <summary>Selects or unselects a submission as one of the team's finals; returns why not, or null.</summary>
    public async Task<string?> SetFinalAsync(int submissionId, bool isFinal, Viewer viewer, CancellationToken cancellationToken = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var submission = await db.Submissions.Include(s => s.Team).ThenInclude(t => t!.Competition).FirstOrDefaultAsync(s => s.Id == submissionId, cancellationToken);
        if (submission?.Team?.Competition is not { } competition || !await TeamAccess.MayOpenAsync(db, submission.TeamId, viewer, cancellationToken))
        {
            return "Submission not found.";
        }

        if (!VisibilityPolicy.MayChangeFinals(viewer, competition))
        {
            return "The competition is closed; final submissions can no longer change.";
        }

        if (isFinal && submission.Status != SubmissionStatus.Scored)
        {
            return "Only a scored submission can be selected as final.";
        }

        if (isFinal && !submission.IsFinal &&
            await db.Submissions.CountAsync(s => s.TeamId == submission.TeamId && s.IsFinal, cancellationToken) >= competition.FinalSelectionLimit)
        {
            return $"Your team may select {competition.FinalSelectionLimit} final submissions; unselect one first.";
        }

        submission.IsFinal = isFinal;
        await db.SaveChangesAsync(cancellationToken);
        events.Publish(new BoardChanged(competition.Id));
        return null;
    }

    /// <summary>A submission as the viewer may see it (scores and details hidden by the rules).</summary>
    internal static SubmissionView View(Submission s, Competition competition, Viewer viewer)
    {
        var details = s.DetailsJson is null ? null : JsonSerializer.Deserialize<ScoreDetails>(s.DetailsJson, JsonSerializerOptions.Web);
        var showPrivate = VisibilityPolicy.SeesPrivate(viewer, competition);
        var showPublicDetails = VisibilityPolicy.SeesPublicDetails(viewer, competition);
        return new SubmissionView(s.Id, s.TeamId, s.Team?.Name ?? "", s.CreatedAtUtc, s.Kind, s.Description, s.Status, s.Error, s.FileName, s.FileSize,
            s.PublicScore, showPrivate ? s.PrivateScore : null, s.IsFinal,
            showPublicDetails ? details?.Public : null, showPrivate ? details?.Private : null)
        {
            // The team's own numbers: whoever may open the submission (TeamAccess) may see them.
            ValidationF1 = s.ValidationF1,
            ValidationFolds = s.ValidationFoldF1s,
        };
    }
}
