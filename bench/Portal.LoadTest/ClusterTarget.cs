using System.Diagnostics;
using System.Globalization;

namespace Portal.LoadTest;

/// <summary>
/// A portal running in other processes (bench/cluster.sh: the cluster of tools/cluster.sh, or one instance on SQLite),
/// named by options: <c>--url</c> (where the load goes), <c>--page-url</c> and <c>--submit-url</c> (two instances),
/// and <c>--setting Key=Value</c> (repeated: the Portal settings that reach its database and files, for the set-up and
/// the checks). Other options are numbers (<c>--count 1000</c>).
/// </summary>
internal sealed class ClusterTarget
{
    private readonly Dictionary<string, string> _options = new(StringComparer.Ordinal);

    private ClusterTarget()
    {
    }

    public IReadOnlyDictionary<string, string?> Settings { get; private set; } = new Dictionary<string, string?>();

    public string Url => Option("url");

    public string PageUrl => Option("page-url");

    public string SubmitUrl => Option("submit-url");

    public static ClusterTarget Parse(IReadOnlyList<string> args)
    {
        var target = new ClusterTarget();
        var settings = new Dictionary<string, string?>(StringComparer.Ordinal);
        for (var i = 0; i + 1 < args.Count; i += 2)
        {
            if (!args[i].StartsWith("--", StringComparison.Ordinal))
            {
                throw new ArgumentException($"Expected an option, got '{args[i]}'.");
            }

            var name = args[i][2..];
            if (name == "setting")
            {
                var (key, value) = (args[i + 1].Split('=', 2)[0], args[i + 1].Split('=', 2).ElementAtOrDefault(1));
                settings[key] = value;
            }
            else
            {
                target._options[name] = args[i + 1];
            }
        }

        target.Settings = settings;
        return target;
    }

    public int Number(string name, int fallback) =>
        _options.TryGetValue(name, out var value) ? int.Parse(value, CultureInfo.InvariantCulture) : fallback;

    private string Option(string name) =>
        _options.TryGetValue(name, out var value) ? value.TrimEnd('/') + "/" : throw new ArgumentException($"--{name} is required.");

    /// <summary>Runs <c>tools/cluster.sh</c> with its arguments (the cluster's PORTAL_CLUSTER_* come from this process's environment).</summary>
    public static async Task ClusterScriptAsync(params string[] arguments)
    {
        var start = new ProcessStartInfo("bash") { UseShellExecute = false, WorkingDirectory = RepositoryRoot(), RedirectStandardOutput = true, RedirectStandardError = true };
        start.ArgumentList.Add("tools/cluster.sh");
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        start.Environment["PORTAL_CLUSTER_BUILD"] = "0";
        using var process = Process.Start(start) ?? throw new InvalidOperationException("bash did not start.");
        // Its endpoint lines and progress are not needed here; read them so it never blocks on a full pipe.
        var output = process.StandardOutput.ReadToEndAsync();
        var errors = await process.StandardError.ReadToEndAsync();
        await output;
        await process.WaitForExitAsync();
        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException($"tools/cluster.sh {string.Join(' ', arguments)} exited {process.ExitCode}: {errors}");
        }
    }

    private static string RepositoryRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "Portal.sln")))
            {
                return dir.FullName;
            }
        }

        throw new InvalidOperationException("Portal.sln is not above " + AppContext.BaseDirectory);
    }
}
