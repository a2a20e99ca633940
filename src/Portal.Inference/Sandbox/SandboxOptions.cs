namespace Portal.Inference.Sandbox;

/// <summary>Where the sandboxed runner is and what it may use.</summary>
public sealed record SandboxOptions
{
    /// <summary>The runner's name beside the application (<c>Portal.Sandbox.dll</c>, started with the running .NET host).</summary>
    public const string RunnerFileName = "Portal.Sandbox.dll";

    /// <summary>The runner assembly; by default <see cref="RunnerFileName"/> beside the application.</summary>
    public string RunnerPath { get; init; } = Path.Combine(AppContext.BaseDirectory, RunnerFileName);

    /// <summary>Where each run gets a folder of its own (an empty working directory and its exchange files), deleted after the run.</summary>
    public required string WorkFolder { get; init; }

    /// <summary>The most memory one runner may use for a run, in bytes.</summary>
    public long MemoryLimitBytes { get; init; } = 4L << 30;

    /// <summary>
    /// The most memory one runner may use for an upload check (a load only), in bytes: lower than a run's, since
    /// checks are not queued like runs and several may load at once.
    /// </summary>
    public long CheckMemoryLimitBytes { get; init; } = 1L << 30;

    /// <summary>Upload checks that load a model at once; more wait their turn, so their memory stays bounded in total.</summary>
    public int MaxConcurrentChecks { get; init; } = 2;

    /// <summary>How long a runner told to stop may take before it is killed.</summary>
    public TimeSpan StopGrace { get; init; } = TimeSpan.FromSeconds(2);

    /// <summary>How long the runner may take to start (the .NET runtime, before any model is loaded).</summary>
    public TimeSpan StartTimeout { get; init; } = TimeSpan.FromSeconds(30);

    /// <summary>
    /// Whether one runner is kept started and warm (about 30 MB, idle) so that a check or run does not wait for .NET
    /// and ONNX Runtime to start.
    /// </summary>
    public bool KeepSpare { get; init; } = true;

    /// <summary>How often the runner's resident memory is checked against <see cref="MemoryLimitBytes"/>.</summary>
    public TimeSpan MemoryPollInterval { get; init; } = TimeSpan.FromMilliseconds(100);
}
