using Portal.Cli;
using Portal.Web.Tests.Support;

namespace Portal.Web.Tests.Cli;

/// <summary>
/// Runs the real <c>portal</c> commands in-process against a factory's test server: requests go through the server's own
/// handler, <c>PORTAL_URL</c> and <c>PORTAL_TOKEN</c> come from the test (never the machine's), and <c>--wait</c> looks often.
/// </summary>
internal static class PortalCommandLine
{
    /// <summary>The address the commands are given; the test server's handler answers whatever the host.</summary>
    public const string Url = "http://localhost";

    /// <summary>Runs <c>portal</c> with <paramref name="args"/>, configured by <paramref name="variables"/> and <paramref name="configFile"/> only.</summary>
    public static async Task<CliRun> RunAsync(PortalFactory factory, IReadOnlyDictionary<string, string> variables, string[] args, string? configFile = null)
    {
        ArgumentNullException.ThrowIfNull(factory);
        using var handler = factory.Server.CreateHandler();
        var environment = new CliEnvironment
        {
            Handler = handler,
            Variable = name => variables.TryGetValue(name, out var value) ? value : null,
            ConfigFile = configFile ?? Path.Combine(Path.GetTempPath(), "portal-cli-tests-no-config", "config.json"),
            FirstPollDelay = TimeSpan.FromMilliseconds(20),
            MaxPollDelay = TimeSpan.FromMilliseconds(200),
        };
        using var stdout = new StringWriter();
        using var stderr = new StringWriter();
        var code = await CliApp.RunAsync(args, stdout, stderr, environment, TestContext.Current.CancellationToken);
        // What the participant would have seen, in the test's output: the first thing to read when a test fails.
        TestContext.Current.TestOutputHelper?.WriteLine($"$ portal {string.Join(' ', args)}\n[exit {code}]\n[stdout]\n{stdout}[stderr]\n{stderr}");
        return new CliRun(code, stdout.ToString(), stderr.ToString());
    }

    /// <summary>Runs <c>portal</c> as a team with <paramref name="token"/> (null: no token) on the test server.</summary>
    public static Task<CliRun> RunAsync(PortalFactory factory, string? token, params string[] args)
    {
        var variables = new Dictionary<string, string> { ["PORTAL_URL"] = Url };
        if (token is not null)
        {
            variables["PORTAL_TOKEN"] = token;
        }

        return RunAsync(factory, variables, args);
    }
}
