namespace Portal.Application.Jobs;

/// <summary>
/// In-process notifications: job progress and board changes, for the open pages (Blazor circuits)
/// to update without reloading. A scaled-out deployment would carry these over a backplane.
/// </summary>
public sealed class JobEvents
{
    /// <summary>Raised for every job change.</summary>
    public event Action<JobUpdate>? JobChanged;

    /// <summary>Raised when a competition's boards may have changed (a score arrived, a close, a rescore).</summary>
    public event Action<int>? LeaderboardChanged;

    public void Publish(JobUpdate update) => JobChanged?.Invoke(update);

    public void PublishLeaderboardChanged(int competitionId) => LeaderboardChanged?.Invoke(competitionId);
}
