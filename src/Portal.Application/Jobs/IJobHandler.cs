using Portal.Data.Entities;

namespace Portal.Application.Jobs;

/// <summary>Runs one kind of job.</summary>
public interface IJobHandler
{
    JobKind Kind { get; }

    /// <summary>The most jobs of this kind one worker runs at once (null: as many as it has slots), so that slow jobs never take every slot.</summary>
    int? MaxConcurrentRuns => null;

    /// <summary>Does the work; reports progress as it goes. Throw <see cref="JobFailedException"/> for a failure the user should read.</summary>
    Task RunAsync(Job job, IJobProgress progress, CancellationToken cancellationToken);
}
