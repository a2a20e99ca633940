using System.Globalization;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Portal.Core.Competitions;
using Portal.Data;
using Portal.Data.Entities;
using Portal.Data.Storage;
using Portal.Inference.Cache;
using Portal.Inference.Onnx;
using Portal.Inference.Preprocessing;
using Portal.Inference.Sandbox;
using Portal.Inference.Tta;
using Portal.Application.Competitions;
using Portal.Application.Submissions;
using Portal.Application.Jobs;
using Portal.Application.Storage;

namespace Portal.Application.Models;

/// <summary>
/// Runs a model submission over the hidden images (each member with the submission's preprocessing and TTA, in the
/// sandboxed runner: a participant's model is untrusted code), soft-votes
/// the members, and scores the result like a probabilities submission. Each view's and each member's probabilities are
/// kept (blobs in storage) and scored on their own, so the gain of TTA and of the ensemble can be shown.
/// </summary>
public sealed partial class RunModelHandler(
    IDbContextFactory<PortalDbContext> dbFactory,
    IFileStorage storage,
    HiddenSetCache hiddenSets,
    ModelRunScoring scoring,
    ProviderDiagnostics diagnostics,
    ModelSandbox sandbox,
    LocalCacheFolders caches,
    IOptions<InferenceOptions> options,
    IOptions<PortalOptions> portal,
    ILogger<RunModelHandler> logger) : IJobHandler
{
    public JobKind Kind => JobKind.RunModel;

    public int? MaxConcurrentRuns => Math.Max(1, options.Value.ConcurrentModelRuns);

    public async Task RunAsync(Job job, IJobProgress progress, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(job);
        ArgumentNullException.ThrowIfNull(progress);
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var submission = await JobSubmission.LoadAsync(db, job, cancellationToken);
        if (submission.Status is not (SubmissionStatus.Queued or SubmissionStatus.Running))
        {
            // Cancelled by the team before a worker got to it.
            return;
        }

        var payload = job.Payload is null ? null : JsonSerializer.Deserialize<RunModelPayload>(job.Payload, JsonSerializerOptions.Web);
        if (payload is null || payload.Members.Count == 0)
        {
            throw new JobFailedException("The model run has no models to run; please submit again.");
        }

        var hidden = await JobSubmission.HiddenSetAsync(hiddenSets, submission);
        var settings = payload.Settings;
        if (!TtaPlan.TryGetViews(settings.Tta, settings.Width, settings.Height, out var views, out var ttaProblem))
        {
            throw new JobFailedException(ttaProblem!);
        }

        submission.Status = SubmissionStatus.Running;
        await db.SaveChangesAsync(cancellationToken);

        // Read from storage, wherever it is; the images key is new with every import, so a replaced hidden set never
        // reuses stale pixels from the cache.
        var images = HiddenImages.Of(storage, hidden);
        var cacheKey = $"hidden images {hidden.ImagesKey}";
        var tracker = new RunModelProgress(progress, payload.Members.Count, images.Count, options.Value.ProgressInterval);
        var limit = options.Value.RunTimeLimit;
        using var timeout = new CancellationTokenSource(limit);
        using var run = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, timeout.Token);
        var results = new List<ImageSetRunResult>();
        var heads = AttributeHeads.Of(hidden.Taxonomy);
        string provider = "";
        var started = System.Diagnostics.Stopwatch.GetTimestamp();
        try
        {
            for (var m = 0; m < payload.Members.Count; m++)
            {
                var member = payload.Members[m];
                var bytes = await ModelSubmissionService.ReadMemberAsync(storage, member, run.Token);
                tracker.StartMember(m);
                // A member tagged as one attribute head gives that head's values; any other every class (or every head, combined in the runner).
                var head = settings.Heads is { } tags && heads is not null ? heads.IndexOf(tags[m]) : -1;
                var (result, report) = head >= 0
                    ? await RunMemberAsync(member, bytes, hidden, images, cacheKey, settings, views, tracker, heads!.Sizes[head], null, run.Token, heads.Names[head])
                    : await RunMemberAsync(member, bytes, hidden, images, cacheKey, settings, views, tracker, hidden.Taxonomy.Count, heads, run.Token);
                results.Add(result);
                provider = report.Used.ToString().ToUpperInvariant();
            }
        }
        catch (OperationCanceledException) when (timeout.IsCancellationRequested && !cancellationToken.IsCancellationRequested)
        {
            throw new JobFailedException($"The model run took longer than the limit of {Duration(limit)}.") { CausedBySubmission = true };
        }

        var elapsed = System.Diagnostics.Stopwatch.GetElapsedTime(started);
        progress.Report(0.96, "Scoring");
        var members = settings.Heads is { } heading && heads is not null
            ? [CombineHeads(heads, heading, payload.Members, results)]
            : results.Select((r, m) => new MemberProbabilities(payload.Members[m].Name, payload.Members[m].Weight,
                r.Views.Select(TtaViews.Name).ToList(), r.PerView, r.Merged)).ToList();
        await scoring.CompleteAsync(db, submission, hidden, settings, members, provider, elapsed, cancellationToken);
    }

    /// <summary>
    /// Three single-head members (tagged mask, gender, age) as one model of the classes: each view's and the merged
    /// probabilities of the heads combined by the product of their probabilities (<see cref="ImageSetRunResult.CombineHeads"/>).
    /// </summary>
    internal static MemberProbabilities CombineHeads(AttributeHeads heads, IReadOnlyList<string> tags, IReadOnlyList<ModelMember> members,
        IReadOnlyList<ImageSetRunResult> results)
    {
        // The results in axis order, whatever the order of the files.
        var combined = ImageSetRunResult.CombineHeads(heads, heads.Names.Select(name => results[IndexOf(tags, name)]).ToArray());
        var name = string.Join(" + ", heads.Names.Select(h => members[IndexOf(tags, h)].Name));
        return new MemberProbabilities(name, 1, combined.Views.Select(TtaViews.Name).ToList(), combined.PerView, combined.Merged);
    }

    private static int IndexOf(IReadOnlyList<string> tags, string head)
    {
        for (var i = 0; i < tags.Count; i++)
        {
            if (string.Equals(tags[i], head, StringComparison.Ordinal))
            {
                return i;
            }
        }

        throw new JobFailedException($"No model file of this submission is tagged '{head}'; please submit again.");
    }

    /// <summary>
    /// Runs one member in the sandbox over the hidden images: each image is read from storage, decoded and resized once,
    /// here (trusted code), into this machine's decoded-image cache (per hidden set and input size, shared by later runs
    /// and every TTA view); the runner reads only that local cache file, shared, not copied, never storage, and writes
    /// back the probabilities.
    /// </summary>
    private async Task<(ImageSetRunResult Result, ProviderReport Report)> RunMemberAsync(ModelMember member, byte[] bytes, LoadedHiddenSet hidden,
        EncodedImages encoded, string cacheKey, ModelRunSettings settings, IReadOnlyList<TtaView> views, RunModelProgress tracker, int classCount, AttributeHeads? heads,
        CancellationToken cancellationToken, string? head = null)
    {
        var preprocess = settings.Preprocess();
        using var images = await OpenCacheAsync(encoded, cacheKey, preprocess, views, tracker, cancellationToken);
        var run = new SandboxRun(images.Path, images.Count, classCount, preprocess, settings.Tta, settings.Merge,
            options.Value.Provider, options.Value.BatchSize, options.Value.IntraOpThreads, heads, head);
        LogMemberStarted(member.Name, images.Count, views.Count, options.Value.Provider);
        try
        {
            var result = await sandbox.RunAsync(bytes, run, tracker, cancellationToken);
            diagnostics.Record(result.Provider);
            if (result.Views.Count != views.Count)
            {
                throw new SandboxUnavailableException($"The runner ran {result.Views.Count} views, not {views.Count}.");
            }

            return (new ImageSetRunResult(views, result.PerView, result.Merged, classCount), result.Provider);
        }
        catch (ModelRunFailedException e)
        {
            LogModelFailed(member.Name, e.Failure, e.Detail);
            var image = e.FailedAtImage is { } index ? $" on image {hidden.Truth.Images.Ids[Math.Clamp(index, 0, images.Count - 1)]}" : "";
            var sentence = e.Failure switch
            {
                ModelRunFailure.Refused => $"{ModelSubmissionService.Refusal(member.Name, head)}: {e.Message}",
                ModelRunFailure.MemoryLimit => $"The model '{member.Name}' was stopped{image}: {e.Message}",
                _ => $"The model '{member.Name}' failed{image}: {e.Message}",
            };
            throw new JobFailedException(sentence) { CausedBySubmission = true, HostDetail = e.Detail };
        }
    }

    private async Task<DecodedImages> OpenCacheAsync(EncodedImages images, string cacheKey, PreprocessOptions preprocess, IReadOnlyList<TtaView> views,
        RunModelProgress tracker, CancellationToken cancellationToken)
    {
        // The host's pixel cap holds here as at import, so a set the import accepted is never refused by a run.
        var maxPixels = portal.Value.MaxImagePixels;
        var cache = options.Value.DecodedImageCache(caches.DecodedImages,
            decoder: (encoded, name, size, destination) => ImageLoader.LoadInto(encoded, name, size, destination, maxPixels));
        tracker.Decoding(true);
        try
        {
            return await cache.OpenAsync(cacheKey, images, preprocess, views, tracker, cancellationToken);
        }
        catch (CacheSpaceException e)
        {
            throw new JobFailedException($"The hidden images could not be decoded for this run: {e.Message}");
        }
        catch (InvalidDataException e)
        {
            throw new JobFailedException($"A hidden-set image could not be read, so the model could not be run; please tell the host. {e.Message}");
        }
        finally
        {
            tracker.Decoding(false);
        }
    }

    /// <summary>"30 minutes", "2 seconds": the limit as a student reads it.</summary>
    internal static string Duration(TimeSpan span) => span.TotalSeconds switch
    {
        < 1 => Plural(span.TotalMilliseconds, "millisecond"),
        < 60 => Plural(span.TotalSeconds, "second"),
        < 3600 => Plural(span.TotalMinutes, "minute"),
        _ => Plural(span.TotalHours, "hour"),
    };

    private static string Plural(double value, string unit) =>
        string.Create(CultureInfo.InvariantCulture, $"{value:0.##} {unit}{(Math.Abs(value - 1) < 1e-9 ? "" : "s")}");

    [LoggerMessage(Level = LogLevel.Information, Message = "Running model {Model} over {Images} images, {Views} view(s), in the sandbox on {Provider}")]
    private partial void LogMemberStarted(string model, int images, int views, ExecutionProviderChoice provider);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Model {Model} failed in the sandbox ({Failure}): {Detail}")]
    private partial void LogModelFailed(string model, ModelRunFailure failure, string? detail);
}
