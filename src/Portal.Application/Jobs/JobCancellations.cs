using System.Collections.Concurrent;

namespace Portal.Application.Jobs;

/// <summary>
/// The jobs this instance is running, so that a cancellation (a team cancelling its model run) stops its job at
/// once rather than at the next lease renewal: <see cref="JobWorker"/> calls <see cref="Cancel"/> for each
/// <see cref="JobUpdate"/> of state <see cref="Data.Entities.JobState.Cancelled"/>, which reaches every process when
/// events cross processes (Events:Redis). Without it, or if that message is lost, a job of another process stops at
/// its next lease renewal, when its worker finds the lease gone.
/// </summary>
public sealed class JobCancellations
{
    private readonly ConcurrentDictionary<long, Registration> _running = new();

    /// <summary>Registers a running job; <paramref name="running"/> is cancelled by <see cref="Cancel"/>.</summary>
    public Registration Register(long jobId, CancellationTokenSource running)
    {
        var registration = new Registration(this, jobId, running);
        _running[jobId] = registration;
        return registration;
    }

    /// <summary>Stops a job running here; nothing when it is not.</summary>
    public void Cancel(long jobId)
    {
        if (_running.TryGetValue(jobId, out var registration))
        {
            registration.Cancel();
        }
    }

    /// <summary>One running job; disposing it forgets the job.</summary>
    public sealed class Registration(JobCancellations owner, long jobId, CancellationTokenSource running) : IDisposable
    {
        /// <summary>Whether the job was cancelled (not stopped for another reason).</summary>
        public bool Cancelled { get; private set; }

        internal void Cancel()
        {
            Cancelled = true;
            try
            {
                running.Cancel();
            }
            catch (ObjectDisposedException)
            {
                // The job ended in the meantime.
            }
        }

        public void Dispose() => owner._running.TryRemove(new KeyValuePair<long, Registration>(jobId, this));
    }
}
