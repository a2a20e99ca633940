namespace Portal.Application.Jobs;

/// <summary>The <c>Jobs</c> section of appsettings.json.</summary>
public sealed class JobOptions
{
    public const string Section = "Jobs";

    /// <summary>How long a claimed job stays with its worker without a heartbeat.</summary>
    public TimeSpan Lease { get; set; } = TimeSpan.FromSeconds(60);

    /// <summary>How often an idle worker looks for work it was not told about (jobs from other instances).</summary>
    public TimeSpan PollInterval { get; set; } = TimeSpan.FromSeconds(2);

    /// <summary>Jobs run at once by this instance.</summary>
    public int Concurrency { get; set; } = 2;

    /// <summary>Attempts before a job that keeps crashing is failed.</summary>
    public int MaxAttempts { get; set; } = 3;

    /// <summary>Whether this instance runs jobs at all (a web-only instance in a scaled-out deployment does not).</summary>
    public bool RunWorker { get; set; } = true;
}
