using System.IO.Compression;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Portal.Core.Competitions;
using Portal.Core.Submissions;
using Portal.Data;
using Portal.Data.Entities;
using Portal.Data.Storage;
using Portal.Inference.Onnx;
using Portal.Inference.Tta;
using Portal.Inference.Cache;
using Portal.Inference.Sandbox;
using Portal.Application.Access;
using Portal.Application.Competitions;
using Portal.Application.Submissions;
using Portal.Application.Jobs;
using Portal.Application.Submissions.Intake;
using Portal.Application.Events;
using Portal.Application.Storage;
using Portal.Application.Trust;

namespace Portal.Application.Models;

/// <summary>
/// Model submissions: taking one or several ONNX files with their preprocessing (each file checked at once, so a
/// wrong model costs nothing and stores nothing), queuing the run, cancelling it, and the per-view and per-member
/// scores under the visibility rules.
/// </summary>
public sealed partial class ModelSubmissionService(
    IDbContextFactory<PortalDbContext> dbFactory,
    IFileStorage storage,
    ITemporaryFiles temporaryFiles,
    LocalCacheFolders caches,
    SubmissionIntake intake,
    CompetitionClock clock,
    IPortalEvents events,
    ModelSandbox sandbox,
    IOptions<InferenceOptions> options,
    ILogger<ModelSubmissionService> logger)
{
    /// <summary>What a cancelled submission says.</summary>
    public const string CancelledReason = "Cancelled by the team.";

    /// <summary>Why a run a host cancelled from the model queue stopped.</summary>
    public const string CancelledByHostReason = "Cancelled by the host (Admin, model queue).";

    /// <summary>The name of the stored file of a submission of several models.</summary>
    public const string ZipName = "models.zip";

    /// <summary>
    /// Checks <paramref name="files"/> (size, then a CPU load of each: input and output shapes, class count, opset) and
    /// <paramref name="input"/>, takes a slot of the daily limit, stores the files and queues the run.
    /// </summary>
    public async Task<SubmitOutcome> SubmitAsync(Competition competition, int teamId, string? userId, IReadOnlyList<ModelUpload> files,
        ModelSettingsInput input, string? description, ValidationScores? validation = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(competition);
        ArgumentNullException.ThrowIfNull(files);
        ArgumentNullException.ThrowIfNull(input);
        var (hidden, refusal) = await intake.OpenForSubmissionsAsync(competition);
        if (hidden is null)
        {
            return refusal!;
        }

        var limits = options.Value;
        if (files.Count == 0)
        {
            return Invalid(ProblemCode.InvalidModel, ["Choose at least one .onnx model file."]);
        }

        if (files.Count > limits.MaxModelsPerSubmission)
        {
            return Invalid(ProblemCode.InvalidModel, [$"One submission takes at most {limits.MaxModelsPerSubmission} model files; you sent {files.Count}."]);
        }

        if (files.FirstOrDefault(f => !IsModelFile(f.FileName)) is { } notModel)
        {
            return Invalid(ProblemCode.InvalidModel, [ModelCheck.NotAModelFile(notModel.FileName)]);
        }

        var heads = AttributeHeads.Of(hidden.Taxonomy);
        var (settings, settingsProblems) = input.Validate(files.Count, heads);
        if (settings is null)
        {
            return Invalid(ProblemCode.InvalidSettings, settingsProblems);
        }

        if (CacheSpaceProblem(settings, hidden.Truth.Images.Count) is { } noRoom)
        {
            return Invalid(ProblemCode.InvalidSettings, [noRoom]);
        }

        var temporaries = new List<TemporaryFile>();
        try
        {
            for (var f = 0; f < files.Count; f++)
            {
                // A model tagged as one attribute head gives that head's values; any other gives every class (or every head).
                var head = settings.Heads is { } tags ? heads!.IndexOf(tags[f]) : -1;
                var (kept, problem) = head >= 0
                    ? await CheckAsync(files[f], settings, heads!.Sizes[head], null, cancellationToken, heads.Names[head])
                    : await CheckAsync(files[f], settings, hidden.Taxonomy.Count, heads, cancellationToken);
                if (kept is not null)
                {
                    temporaries.Add(kept);
                }

                if (problem is not null)
                {
                    return Invalid(problem.Code, [problem.Message]);
                }
            }

            return await StoreAsync(competition, teamId, userId, files, temporaries, settings, description, validation, cancellationToken);
        }
        catch (SandboxUnavailableException e)
        {
            // The server's fault, not the model's: said as such, nothing stored, no slot taken.
            LogRunnerUnavailable(e);
            return SubmitOutcome.Refused(RefusalReason.Unavailable, UnavailableSentence) with { RetryAfterUtc = clock.UtcNow.AddMinutes(1) };
        }
        finally
        {
            foreach (var temporary in temporaries)
            {
                temporary.Dispose();
            }
        }
    }

    /// <summary>Cancels a queued or running model run of the viewer's team; returns why not, or null.</summary>
    public async Task<string?> CancelAsync(int submissionId, Viewer viewer, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(viewer);
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var submission = await db.Submissions.FirstOrDefaultAsync(s => s.Id == submissionId, cancellationToken);
        if (submission is null || !await TeamAccess.MayOpenAsync(db, submission.TeamId, viewer, cancellationToken))
        {
            return "Submission not found.";
        }

        var reason = viewer.IsHost ? CancelledByHostReason : CancelledReason;
        if (submission.Kind != SubmissionKind.Model)
        {
            return "Only a model run can be cancelled.";
        }

        // The job is taken from its worker in one conditional update: a worker that finishes at the same moment either
        // sees the cancellation (its lease is gone) or has already finished, and then there is nothing to cancel.
        var cancelled = await db.Jobs
            .Where(j => j.SubmissionId == submissionId && j.Kind == JobKind.RunModel && (j.State == JobState.Queued || j.State == JobState.Running))
            .ExecuteUpdateAsync(s => s
                .SetProperty(j => j.State, JobState.Cancelled)
                .SetProperty(j => j.Error, reason)
                .SetProperty(j => j.FinishedAtUtc, clock.UtcNow)
                .SetProperty(j => j.LeaseOwner, (string?)null)
                .SetProperty(j => j.LeaseExpiresAtUtc, (DateTime?)null), cancellationToken);
        if (cancelled == 0 || submission.Status is not (SubmissionStatus.Queued or SubmissionStatus.Running))
        {
            return "The model run has already finished; there is nothing to cancel.";
        }

        // Conditional too: a run whose scoring was written between the two updates stays scored and keeps its slot.
        var stopped = await db.Submissions
            .Where(s => s.Id == submissionId && (s.Status == SubmissionStatus.Queued || s.Status == SubmissionStatus.Running))
            .ExecuteUpdateAsync(s => s
                .SetProperty(x => x.Status, SubmissionStatus.Cancelled)
                .SetProperty(x => x.Error, reason), cancellationToken);
        if (stopped == 0)
        {
            return "The model run has already finished; there is nothing to cancel.";
        }

        // A cancelled run keeps its slot of the daily limit: it took the model slot and the machine while it ran, and
        // a team must not be able to start and cancel runs without end.
        var jobIds = await db.Jobs.Where(j => j.SubmissionId == submissionId && j.Kind == JobKind.RunModel).Select(j => j.Id).ToListAsync(cancellationToken);
        // The announcement also stops the run on whichever worker has it (JobWorker listens for it).
        foreach (var id in jobIds)
        {
            events.Publish(new JobUpdate(id, JobKind.RunModel, submission.CompetitionId, submissionId, JobState.Cancelled, 0, reason, reason));
        }

        return null;
    }

    /// <summary>The per-view and per-member scores of a model submission as the viewer may see them, or null.</summary>
    public async Task<ModelRunDetails?> FindRunDetailsAsync(int submissionId, Viewer viewer, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(viewer);
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var submission = await db.Submissions.AsNoTracking().Include(s => s.Team).ThenInclude(t => t!.Competition).Include(s => s.ModelRun)
            .FirstOrDefaultAsync(s => s.Id == submissionId, cancellationToken);
        if (submission?.Team?.Competition is not { } competition || submission.ModelRun is not { } record || submission.PublicScore is not { } publicScore ||
            !await TeamAccess.MayOpenAsync(db, submission.TeamId, viewer, cancellationToken) ||
            JsonSerializer.Deserialize<StoredModelRun>(record.DetailsJson, JsonSerializerOptions.Web) is not { } stored)
        {
            return null;
        }

        var details = new ModelRunDetails(stored.Tta, stored.Merge, stored.Members, new F1Pair(publicScore, submission.PrivateScore), record.Provider);
        // During the competition a team sees what TTA and the ensemble gained on the public split only.
        return VisibilityPolicy.SeesPrivate(viewer, competition) ? details : details.PublicOnly();
    }

    /// <summary>
    /// The progress of a model submission's run while it is queued or running, for a viewer who may open the
    /// submission; null when it may not, or when the run is not in progress (finished, failed or cancelled).
    /// </summary>
    public async Task<ModelRunProgress?> FindRunProgressAsync(int submissionId, Viewer viewer, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(viewer);
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var submission = await db.Submissions.AsNoTracking().FirstOrDefaultAsync(s => s.Id == submissionId, cancellationToken);
        if (submission is not { Kind: SubmissionKind.Model, Status: SubmissionStatus.Queued or SubmissionStatus.Running } ||
            !await TeamAccess.MayOpenAsync(db, submission.TeamId, viewer, cancellationToken))
        {
            return null;
        }

        var job = await db.Jobs.AsNoTracking()
            .Where(j => j.SubmissionId == submissionId && j.Kind == JobKind.RunModel && (j.State == JobState.Queued || j.State == JobState.Running))
            .OrderByDescending(j => j.Id)
            .FirstOrDefaultAsync(cancellationToken);
        if (job is null)
        {
            return null;
        }

        var running = job.State == JobState.Running;
        return new ModelRunProgress(running ? "running" : "queued", running ? Math.Clamp(job.Progress, 0, 1) : 0, running ? job.ProgressText : null);
    }

    /// <summary>Keeps the upload in a scratch file and checks it; the file (null when nothing was kept) and why it is refused, or null.</summary>
    private async Task<(TemporaryFile? Kept, SubmissionProblem? Problem)> CheckAsync(ModelUpload file, ModelRunSettings settings, int classCount, AttributeHeads? heads,
        CancellationToken cancellationToken, string? tag = null)
    {
        var limit = options.Value.MaxModelBytes;
        var name = Path.GetFileName(file.FileName);
        if (file.Length > limit)
        {
            return (null, TooLarge(name, file.Length.Value, limit));
        }

        var kept = temporaryFiles.CreateFile();
        long size;
        await using (var content = file.Open())
        {
            size = await UploadFiles.CopyLimitedAsync(content, kept.Path, limit, cancellationToken);
        }

        if (size < 0)
        {
            return (kept, TooLarge(name, null, limit));
        }

        var bytes = await File.ReadAllBytesAsync(kept.Path, cancellationToken);
        if (ModelCheck.CheckHeader(bytes) is { } refused)
        {
            return (kept, Refused(name, tag, refused.Refusal!));
        }

        // The model is loaded in the sandbox, never in this process: loading is where a crafted model first runs code.
        ModelShape shape;
        using (var checkTime = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken))
        {
            checkTime.CancelAfter(options.Value.CheckTimeLimit);
            try
            {
                // The tag goes with the model, so the check speaks of that head's values, not of the competition's classes.
                shape = await sandbox.CheckAsync(bytes, classCount, heads, tag, checkTime.Token);
            }
            catch (ModelRunFailedException e)
            {
                LogCheckRefused(name, e.Failure, e.Detail);
                return (kept, Refused(name, tag, e.Message));
            }
            catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
            {
                return (kept, Refused(name, tag, $"Loading it took longer than {RunModelHandler.Duration(options.Value.CheckTimeLimit)}."));
            }
        }

        if (shape.SizeProblem(settings.Width, settings.Height) is { } sizeProblem)
        {
            return (kept, new SubmissionProblem(ProblemCode.InvalidSettings, null, $"The model '{name}' does not fit the settings: {sizeProblem} Set the width and height to the model's input size."));
        }

        return (kept, null);
    }

    private async Task<SubmitOutcome> StoreAsync(Competition competition, int teamId, string? userId, IReadOnlyList<ModelUpload> files, List<TemporaryFile> temporaries,
        ModelRunSettings settings, string? description, ValidationScores? validation, CancellationToken cancellationToken)
    {
        var folder = $"submissions/{competition.Id}/{teamId}/{Guid.NewGuid():N}";
        var names = UniqueNames(files.Select(f => Path.GetFileName(f.FileName)).ToList());
        string key;
        string fileName;
        List<ModelMember> members;
        if (files.Count == 1)
        {
            key = $"{folder}/model.onnx";
            fileName = names[0];
            members = [new ModelMember(names[0], key, null, settings.Weights[0])];
        }
        else
        {
            key = $"{folder}/{ZipName}";
            fileName = ZipName;
            members = names.Select((n, i) => new ModelMember(n, key, n, settings.Weights[i])).ToList();
        }

        // The same model files (in the same order) with the same run settings are the same submission.
        string fingerprint;
        using (var hash = new SubmissionFingerprint())
        {
            hash.AppendField(JsonSerializer.Serialize(settings, JsonSerializerOptions.Web));
            foreach (var temporary in temporaries)
            {
                await hash.AppendFileAsync(temporary.Path, cancellationToken);
            }

            fingerprint = hash.Finish();
        }

        var size = files.Count == 1
            ? await storage.ImportAsync(key, temporaries[0].Path, cancellationToken)
            : await ImportZipAsync(key, names, temporaries, cancellationToken);
        var payload = JsonSerializer.Serialize(new RunModelPayload(settings, members), JsonSerializerOptions.Web);
        return await intake.AcceptAsync(competition, teamId, userId,
            new IntakeEntry(SubmissionKind.Model, description, fileName, key, size, fingerprint, new QueueJob(JobKind.RunModel, payload))
            {
                Validation = validation,
            }, cancellationToken);
    }

    private async Task<long> ImportZipAsync(string key, List<string> names, List<TemporaryFile> temporaries, CancellationToken cancellationToken)
    {
        using var zipFile = temporaryFiles.CreateFile(".zip");
        await using (var zip = await ZipArchive.CreateAsync(File.Create(zipFile.Path), ZipArchiveMode.Create, leaveOpen: false, entryNameEncoding: null, cancellationToken))
        {
            for (var i = 0; i < names.Count; i++)
            {
                // Model weights barely compress; storing them keeps upload checks fast.
                await zip.CreateEntryFromFileAsync(temporaries[i].Path, names[i], CompressionLevel.NoCompression, cancellationToken);
            }
        }

        return await storage.ImportAsync(key, zipFile.Path, cancellationToken);
    }

    /// <summary>Reads a member's model bytes from storage (a file, or an entry of the stored zip).</summary>
    public static async Task<byte[]> ReadMemberAsync(IFileStorage storage, ModelMember member, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(storage);
        ArgumentNullException.ThrowIfNull(member);
        await using var stored = await storage.OpenReadAsync(member.Key, cancellationToken);
        if (member.Entry is null)
        {
            return await ReadAllAsync(stored, cancellationToken);
        }

        await using var zip = await ZipArchive.CreateAsync(stored, ZipArchiveMode.Read, leaveOpen: true, entryNameEncoding: null, cancellationToken);
        var entry = zip.GetEntry(member.Entry) ?? throw new JobFailedException($"The model '{member.Name}' is missing from the stored upload; please submit again.");
        await using var content = await entry.OpenAsync(cancellationToken);
        return await ReadAllAsync(content, cancellationToken);
    }

    private static async Task<byte[]> ReadAllAsync(Stream stream, CancellationToken cancellationToken)
    {
        using var buffer = new MemoryStream();
        await stream.CopyToAsync(buffer, cancellationToken);
        return buffer.ToArray();
    }

    /// <summary>Why the hidden images cannot be decoded for these settings on this server's disk, or null (see <see cref="DecodedImageCache.SpaceProblem"/>).</summary>
    private string? CacheSpaceProblem(ModelRunSettings settings, int images)
    {
        if (!TtaPlan.TryGetViews(settings.Tta, settings.Width, settings.Height, out var views, out _))
        {
            return null;
        }

        var (width, height) = TtaViews.BaseSize(views, settings.Width, settings.Height);
        return options.Value.DecodedImageCache(caches.DecodedImages).SpaceProblem(images, width, height);
    }

    private static SubmissionProblem Refused(string name, string? tag, string reason) =>
        new(ProblemCode.InvalidModel, null, $"{Refusal(name, tag)}: {reason}");

    /// <summary>"The model 'a.onnx' was refused", or for a file tagged as an attribute head "The gender head 'g.onnx' was refused" (the uploaded name, never a server path).</summary>
    internal static string Refusal(string name, string? tag) =>
        tag is null ? $"The model '{name}' was refused" : $"The {tag} head '{name}' was refused";

    /// <summary>What a team reads when the model runner could not be started to check its upload.</summary>
    public const string UnavailableSentence =
        "The server could not check your model just now (its model runner did not start). Nothing was stored and no submission was used; please try again in a minute.";

    [LoggerMessage(Level = LogLevel.Error, Message = "A model upload could not be checked: the sandbox runner is unavailable")]
    private partial void LogRunnerUnavailable(Exception e);

    [LoggerMessage(Level = LogLevel.Information, Message = "Model upload {Model} refused by the sandbox check ({Failure}): {Detail}")]
    private partial void LogCheckRefused(string model, ModelRunFailure failure, string? detail);

    private static bool IsModelFile(string name) => name.EndsWith(".onnx", StringComparison.OrdinalIgnoreCase);

    private static SubmitOutcome Invalid(ProblemCode code, IReadOnlyList<string> problems) =>
        SubmitOutcome.Invalid(problems.Select(p => new SubmissionProblem(code, null, p)).ToList(), problems.Count);

    private static SubmissionProblem TooLarge(string name, long? size, long limit) =>
        new(ProblemCode.FileTooLarge, null, size is { } s
            ? $"The model '{name}' is {ByteSize.Format(s)}, over the limit of {ByteSize.Format(limit)}."
            : $"The model '{name}' is larger than the limit of {ByteSize.Format(limit)}.");

    /// <summary>File names as entries of one zip: two folds both called model.onnx become model.onnx and model-2.onnx.</summary>
    private static List<string> UniqueNames(List<string> names)
    {
        var seen = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        var unique = new List<string>();
        foreach (var name in names)
        {
            var candidate = string.IsNullOrWhiteSpace(name) ? "model.onnx" : name;
            for (var n = 2; !seen.Add(candidate); n++)
            {
                candidate = $"{Path.GetFileNameWithoutExtension(name)}-{n}{Path.GetExtension(name)}";
            }

            unique.Add(candidate);
        }

        return unique;
    }
}
