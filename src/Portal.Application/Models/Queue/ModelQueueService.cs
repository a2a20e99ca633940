using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Portal.Data;
using Portal.Data.Entities;
using Portal.Application.Jobs;
using Portal.Inference.Tta;

namespace Portal.Application.Models.Queue;

/// <summary>
/// The model-run queue as participants and hosts see it: each run's place, and its expected start and finish from the
/// measured speed of the last <see cref="RecentRuns"/> runs (<see cref="RunThroughput"/>) and the work of each run
/// (images x models x TTA views x input pixels). Model architecture is not in the measure, so a backbone much heavier
/// than recent ones takes longer than forecast. Hosts move a waiting run to the front (<see cref="MoveToFrontAsync"/>).
/// </summary>
public sealed class ModelQueueService(IDbContextFactory<PortalDbContext> dbFactory, TimeProvider clock, IOptions<InferenceOptions> inference)
{
    /// <summary>How many finished runs the speed is measured on.</summary>
    public const int RecentRuns = 20;

    /// <summary>The whole queue, runs in progress first, then waiting runs in claim order.</summary>
    public async Task<ModelQueueSnapshot> ReadAsync(CancellationToken cancellationToken = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var jobs = await db.Jobs.AsNoTracking()
            .Where(j => j.Kind == JobKind.RunModel && (j.State == JobState.Queued || j.State == JobState.Running))
            .OrderByDescending(j => j.State == JobState.Running).ThenByDescending(j => j.Priority).ThenBy(j => j.Id)
            .ToListAsync(cancellationToken);
        var competitions = jobs.Select(j => j.CompetitionId ?? 0).Distinct().ToList();
        var submissions = jobs.Select(j => j.SubmissionId ?? 0).Distinct().ToList();
        var slugs = await db.Competitions.AsNoTracking().Where(c => competitions.Contains(c.Id)).ToDictionaryAsync(c => c.Id, c => c.Slug, cancellationToken);
        var images = await db.HiddenSets.AsNoTracking().Where(h => competitions.Contains(h.CompetitionId)).ToDictionaryAsync(h => h.CompetitionId, h => h.ImageCount, cancellationToken);
        var teams = await db.Submissions.AsNoTracking().Where(s => submissions.Contains(s.Id))
            .Select(s => new { s.Id, s.Team!.Name }).ToDictionaryAsync(s => s.Id, s => s.Name, cancellationToken);
        var throughput = await ThroughputAsync(db, cancellationToken);
        var slots = await SlotsAsync(db, cancellationToken);

        var now = clock.GetUtcNow().UtcDateTime;
        double? Seconds(Job job) => throughput is null || WorkOf(job.Payload, images.GetValueOrDefault(job.CompetitionId ?? 0)) is not { } work
            ? null
            : throughput.Seconds(work);
        var running = jobs.Where(j => j.State == JobState.Running).ToList();
        var waiting = jobs.Where(j => j.State == JobState.Queued).ToList();
        var left = running.Select(j => Seconds(j) is { } s ? s * (1 - Math.Clamp(j.Progress, 0, 1)) : 0).ToList();
        var waitingSeconds = waiting.Select(j => Seconds(j) ?? 0).ToList();
        var schedule = QueueForecast.Schedule(slots, left, waitingSeconds);

        var entries = new List<ModelQueueEntry>(jobs.Count);
        for (var i = 0; i < running.Count; i++)
        {
            var job = running[i];
            entries.Add(Entry(job, null, Seconds(job), job.StartedAtUtc, Seconds(job) is null ? null : now.AddSeconds(left[i])));
        }

        for (var i = 0; i < waiting.Count; i++)
        {
            var job = waiting[i];
            var known = Seconds(job) is not null && running.All(r => Seconds(r) is not null);
            entries.Add(Entry(job, i + 1, Seconds(job), known ? now.AddSeconds(schedule[i].Start) : null, known ? now.AddSeconds(schedule[i].Finish) : null));
        }

        return new ModelQueueSnapshot(entries, slots, throughput);

        ModelQueueEntry Entry(Job job, int? position, double? seconds, DateTime? start, DateTime? finish) => new(
            job.Id, job.SubmissionId ?? 0, job.CompetitionId ?? 0, slugs.GetValueOrDefault(job.CompetitionId ?? 0, "?"),
            teams.GetValueOrDefault(job.SubmissionId ?? 0, "?"), job.State, position, job.Priority, job.Progress, seconds, start, finish);
    }

    /// <summary>The queue entry of a model submission, or null when it is not waiting or running. The caller has checked the viewer may see it.</summary>
    public async Task<ModelQueueEntry?> FindAsync(int submissionId, CancellationToken cancellationToken = default) =>
        (await ReadAsync(cancellationToken)).Entries.FirstOrDefault(e => e.SubmissionId == submissionId);

    /// <summary>
    /// What a new model run in competition <paramref name="competitionId"/> would take here, for the Submit page; null
    /// before any model has run here or while the competition has no hidden set.
    /// </summary>
    public async Task<RunEstimator?> EstimatorAsync(int competitionId, CancellationToken cancellationToken = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var images = await db.HiddenSets.AsNoTracking().Where(h => h.CompetitionId == competitionId).Select(h => h.ImageCount).FirstOrDefaultAsync(cancellationToken);
        return images > 0 && await ThroughputAsync(db, cancellationToken) is { } throughput ? new RunEstimator(throughput, images) : null;
    }

    /// <summary>Moves a waiting model run ahead of every other waiting run; why not, or null.</summary>
    public async Task<string?> MoveToFrontAsync(long jobId, CancellationToken cancellationToken = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var top = await db.Jobs.Where(j => j.State == JobState.Queued).MaxAsync(j => (int?)j.Priority, cancellationToken) ?? 0;
        var moved = await db.Jobs.Where(j => j.Id == jobId && j.Kind == JobKind.RunModel && j.State == JobState.Queued)
            .ExecuteUpdateAsync(s => s.SetProperty(j => j.Priority, top + 1), cancellationToken);
        return moved == 1 ? null : "That run is no longer waiting: it has started, finished or been cancelled.";
    }

    /// <summary>The speed of the last <see cref="RecentRuns"/> finished runs together, or null when none finished yet.</summary>
    private static async Task<RunThroughput?> ThroughputAsync(PortalDbContext db, CancellationToken cancellationToken)
    {
        var recent = await db.ModelRuns.AsNoTracking()
            .OrderByDescending(r => r.FinishedAtUtc).Take(RecentRuns)
            .Select(r => new
            {
                r.Images,
                r.Seconds,
                r.Provider,
                Payload = db.Jobs.Where(j => j.SubmissionId == r.SubmissionId && j.Kind == JobKind.RunModel).OrderByDescending(j => j.Id).Select(j => j.Payload).FirstOrDefault(),
            })
            .ToListAsync(cancellationToken);
        double work = 0, seconds = 0;
        foreach (var run in recent)
        {
            if (run.Seconds > 0 && WorkOf(run.Payload, run.Images) is { } w)
            {
                work += w;
                seconds += run.Seconds;
            }
        }

        return seconds > 0 && work > 0 ? new RunThroughput(work / seconds, recent.Count, recent[0].Provider) : null;
    }

    /// <summary>
    /// The queue's slots: the configured model runs per worker, times the workers running model jobs now (at least one;
    /// a finished job forgets its worker, so an idle second worker is not seen and the forecast errs late).
    /// </summary>
    private async Task<int> SlotsAsync(PortalDbContext db, CancellationToken cancellationToken)
    {
        var workers = await db.Jobs.AsNoTracking()
            .Where(j => j.Kind == JobKind.RunModel && j.State == JobState.Running && j.LeaseOwner != null)
            .Select(j => j.LeaseOwner).Distinct().CountAsync(cancellationToken);
        var perWorker = Math.Max(1, inference.Value.ConcurrentModelRuns);
        return perWorker * Math.Max(1, workers);
    }

    private static double? WorkOf(string? payload, int images)
    {
        if (payload is null || images <= 0)
        {
            return null;
        }

        try
        {
            return JsonSerializer.Deserialize<RunModelPayload>(payload, JsonSerializerOptions.Web) is { } run
                ? RunEstimator.Work(run.Settings, run.Members.Count, images)
                : null;
        }
        catch (JsonException)
        {
            return null;
        }
    }

}
