using Portal.Data.Entities;
using Portal.Application.Jobs;

namespace Portal.Web.Tests.Jobs;

/// <summary>A handler whose every attempt crashes, as a bug or a broken disk would make it.</summary>
public sealed class CrashingJobHandler : IJobHandler
{
    private int _runs;

    /// <summary>A kind no real handler takes yet.</summary>
    public JobKind Kind => JobKind.RescoreCompetition;

    public int Runs => _runs;

    public Task RunAsync(Job job, IJobProgress progress, CancellationToken cancellationToken)
    {
        Interlocked.Increment(ref _runs);
        throw new InvalidOperationException("The disk said no.");
    }
}
