namespace Portal.Cli;

/// <summary>
/// What the participant commands (<c>submit</c>, <c>submissions</c>, <c>leaderboard</c>, <c>download</c>) take from
/// outside the arguments: how they reach the portal, where they read their settings, and how often <c>--wait</c> asks.
/// The defaults are the real ones; tests pass the test server's handler and their own variables.
/// </summary>
public sealed class CliEnvironment
{
    /// <summary>The real process: the network, the process's environment variables and <c>~/.config/portal/config.json</c>.</summary>
    public static CliEnvironment Default { get; } = new();

    /// <summary>
    /// The handler every request goes through (a test server's <c>Server.CreateHandler()</c>); null for the network.
    /// It is not disposed by the commands.
    /// </summary>
    public HttpMessageHandler? Handler { get; init; }

    /// <summary>Reads an environment variable (<c>PORTAL_URL</c>, <c>PORTAL_TOKEN</c>); null when it is not set.</summary>
    public Func<string, string?> Variable { get; init; } = Environment.GetEnvironmentVariable;

    /// <summary>The config file (JSON, <c>{"url": ..., "token": ...}</c>); null for <c>~/.config/portal/config.json</c>.</summary>
    public string? ConfigFile { get; init; }

    /// <summary>The first pause between two looks at a submission under <c>--wait</c>; each later one is half as long again.</summary>
    public TimeSpan FirstPollDelay { get; init; } = TimeSpan.FromSeconds(1);

    /// <summary>The longest pause between two looks under <c>--wait</c>.</summary>
    public TimeSpan MaxPollDelay { get; init; } = TimeSpan.FromSeconds(10);

    /// <summary>The config file in effect: <see cref="ConfigFile"/>, else <c>config.json</c> under <c>~/.config/portal</c>.</summary>
    public string ConfigPath => ConfigFile ?? Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".config", "portal", "config.json");
}
