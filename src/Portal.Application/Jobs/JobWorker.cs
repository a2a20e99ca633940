using Microsoft.Extensions.Options;
using Portal.Data.Entities;
using Portal.Application.Events;

namespace Portal.Application.Jobs;

/// <summary>
/// Runs queued jobs in the background, <see cref="JobOptions.Concurrency"/> at a time, renewing
/// each job's lease while it runs and pushing its progress to the open pages.
/// </summary>
public sealed partial class JobWorker(
    JobStore queue,
    IEnumerable<IJobHandler> handlers,
    IPortalEvents events,
    JobCancellations cancellations,
    Submissions.SubmissionScorer scorer,
    IOptions<JobOptions> options,
    ILogger<JobWorker> logger) : BackgroundService
{
    private readonly JobStore _store = queue;
    private readonly Dictionary<JobKind, IJobHandler> _handlers = handlers.ToDictionary(h => h.Kind);
    private readonly string _owner = $"{Environment.MachineName}:{Environment.ProcessId}:{Guid.NewGuid():N}";

    // Kinds whose handler limits how many run at once here (model runs), with the slots left.
    private readonly Dictionary<JobKind, SemaphoreSlim> _limits = handlers
        .Where(h => h.MaxConcurrentRuns is > 0)
        .ToDictionary(h => h.Kind, h => new SemaphoreSlim(h.MaxConcurrentRuns!.Value));

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (!options.Value.RunWorker)
        {
            return;
        }

        // A cancelled job is taken from its worker in the database and announced; the announcement stops it here at
        // once if it runs here, wherever the cancel was made when events cross processes.
        using var cancelled = events.Subscribe<JobUpdate>(update =>
        {
            if (update.State == JobState.Cancelled)
            {
                cancellations.Cancel(update.JobId);
            }

            return Task.CompletedTask;
        });
        var slots = Enumerable.Range(0, Math.Max(1, options.Value.Concurrency)).Select(_ => RunSlotAsync(stoppingToken));
        await Task.WhenAll(slots);
    }

    private async Task RunSlotAsync(CancellationToken stoppingToken)
    {
        while (!stoppingToken.IsCancellationRequested)
        {
            Job? job = null;
            // A limited kind is claimed only with a slot reserved first, so two slots can never both take the last one.
            var reserved = _limits.Where(l => l.Value.Wait(0)).Select(l => l.Key).ToList();
            try
            {
                job = await _store.ClaimAsync(_owner, stoppingToken, _limits.Keys.Except(reserved).ToList());
                foreach (var kind in reserved.Where(k => k != job?.Kind))
                {
                    _limits[kind].Release();
                }

                reserved.RemoveAll(k => k != job?.Kind);
                if (job is null)
                {
                    await _store.WaitAsync(stoppingToken);
                    continue;
                }

                await RunAsync(job, stoppingToken);
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                if (job is not null)
                {
                    // Stopping: hand the job back so the next start takes it at once.
                    await _store.ReleaseAsync(job.Id, _owner, attemptCounts: false, CancellationToken.None);
                }
            }
            catch (Exception e)
            {
                LogWorkerError(e);
                await Task.Delay(TimeSpan.FromSeconds(1), stoppingToken).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
            }
            finally
            {
                foreach (var kind in reserved)
                {
                    _limits[kind].Release();
                }
            }
        }
    }

    private async Task RunAsync(Job job, CancellationToken stoppingToken)
    {
        if (!_handlers.TryGetValue(job.Kind, out var handler))
        {
            await FailAsync(job, $"No handler for jobs of kind {job.Kind}.");
            return;
        }

        Publish(job, JobState.Running, 0, "Started", null);
        using var running = CancellationTokenSource.CreateLinkedTokenSource(stoppingToken);
        using var cancellation = cancellations.Register(job.Id, running);
        var progress = new LeasedProgress(this, job, running);
        var heartbeat = progress.HeartbeatAsync(options.Value.Lease / 3, running.Token);
        try
        {
            await handler.RunAsync(job, progress, running.Token);
            await _store.FinishAsync(job.Id, _owner, JobState.Succeeded, null, CancellationToken.None);
            Publish(job, JobState.Succeeded, 1, "Done", null);
        }
        catch (JobFailedException e)
        {
            await FailAsync(job, e.HostDetail is null ? e.Message : $"{e.Message} ({e.HostDetail})", e.Message, e.CausedBySubmission);
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            throw;
        }
        catch (OperationCanceledException) when (cancellation.Cancelled || progress.LeaseLost)
        {
            // Cancelled by its team, or taken over by another worker after a lost lease: whoever did that owns the outcome.
            LogJobStopped(job.Id);
        }
        catch (Exception e) when (job.Attempts < options.Value.MaxAttempts && !progress.LeaseLost)
        {
            LogJobRetry(e, job.Id, job.Attempts);
            await _store.ReleaseAsync(job.Id, _owner, attemptCounts: true, CancellationToken.None);
            _store.Wake();
        }
        catch (Exception e)
        {
            LogJobFailed(e, job.Id);
            // The technical message stays on the job (hosts see it); the team reads a sentence without server details.
            await FailAsync(job, $"The job failed unexpectedly after {job.Attempts} attempt(s): {e.Message}",
                "Scoring failed because of an error on the server, not in your file. The host can see the details; please submit again later.");
        }
        finally
        {
            await running.CancelAsync();
            await heartbeat.ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
        }
    }

    /// <summary>
    /// Ends a job as failed for good and its submission with it. A failure the submission caused (the model refused, too
    /// slow, a bad file) keeps its daily slot, or a team could repeat it without end; a failure of the server's or the
    /// host's gives it back.
    /// </summary>
    private async Task FailAsync(Job job, string error, string? userReason = null, bool causedBySubmission = false)
    {
        // The submission first: a reader who sees the job failed sees its submission failed too. A crash between the
        // two leaves the job to run again, and a handler leaves a submission that is no longer queued alone.
        if (job.SubmissionId is not null)
        {
            await scorer.MarkFailedAsync(job.SubmissionId, userReason ?? error, causedBySubmission, CancellationToken.None);
        }

        await _store.FinishAsync(job.Id, _owner, JobState.Failed, error, CancellationToken.None);

        Publish(job, JobState.Failed, job.Progress, null, userReason ?? error);
    }

    private void Publish(Job job, JobState state, double progress, string? text, string? error) =>
        events.Publish(new JobUpdate(job.Id, job.Kind, job.CompetitionId, job.SubmissionId, state, progress, text, error));

    [LoggerMessage(Level = LogLevel.Error, Message = "Job worker loop failed")]
    private partial void LogWorkerError(Exception e);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Job {JobId} failed on attempt {Attempt}; it will be retried")]
    private partial void LogJobRetry(Exception e, long jobId, int attempt);

    [LoggerMessage(Level = LogLevel.Information, Message = "Job {JobId} stopped: cancelled, or its lease was lost")]
    private partial void LogJobStopped(long jobId);

    [LoggerMessage(Level = LogLevel.Error, Message = "Job {JobId} failed")]
    private partial void LogJobFailed(Exception e, long jobId);

    /// <summary>Progress of one running job: pushed live, written with the lease heartbeat.</summary>
    private sealed class LeasedProgress(JobWorker worker, Job job, CancellationTokenSource running) : IJobProgress
    {
        private double _fraction;
        private string? _text;

        public bool LeaseLost { get; private set; }

        public void Report(double fraction, string? text = null)
        {
            _fraction = Math.Clamp(fraction, 0, 1);
            _text = text;
            worker.Publish(job, JobState.Running, _fraction, text, null);
        }

        public async Task HeartbeatAsync(TimeSpan interval, CancellationToken cancellationToken)
        {
            using var timer = new PeriodicTimer(interval);
            while (await timer.WaitForNextTickAsync(cancellationToken))
            {
                if (!await worker._store.RenewAsync(job.Id, worker._owner, _fraction, _text, cancellationToken))
                {
                    // Another worker took the job over (our lease ran out): stop working on it.
                    LeaseLost = true;
                    await running.CancelAsync();
                    return;
                }
            }
        }
    }
}
