using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Sockets;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Portal.Application.Hosting;
using Portal.Web.Hosting;

namespace Portal.ClusterTests.Support;

/// <summary>
/// The cluster of <c>tools/cluster.sh</c> on loopback ports of its own and a temporary folder, started once for every
/// cluster test (<see cref="ClusterSuite"/>) and stopped at the end: PostgreSQL, Redis, nginx, two web instances, two
/// workers. The tests reach the instances over HTTP like any client; the competition they play in is made through the
/// app's own services over the cluster's database and shared files (<see cref="Services"/>), as a host's tool would.
/// </summary>
public sealed class PortalCluster : IAsyncLifetime
{
    public const string HostEmail = "host@cluster.test";
    public const string HostPassword = "Cluster-Test-Host-1";

    /// <summary>The workers' job lease: how long a killed worker's job waits before the other takes it.</summary>
    public static readonly TimeSpan Lease = TimeSpan.FromSeconds(6);

    private static readonly string RepositoryRoot = FindRepositoryRoot();
    private IHost? _setup;
    private Task<ClusterScenario>? _scenario;
    private Dictionary<string, string> _environment = [];

    /// <summary>Why the cluster tests cannot run here (null when they can): the engines are missing and not required.</summary>
    public string? Unavailable { get; private set; }

    public string Folder { get; } = Path.Combine(Path.GetTempPath(), "portal-cluster-tests-" + Guid.NewGuid().ToString("N")[..8]);

    public Uri Balancer { get; private set; } = null!;

    public Uri Web1 { get; private set; } = null!;

    public Uri Web2 { get; private set; } = null!;

    public string Postgres { get; private set; } = "";

    public string Redis { get; private set; } = "";

    /// <summary>Portal's services over the cluster's database and shared files, with no worker: for setting up and checking.</summary>
    public IServiceProvider Services => _setup?.Services ?? throw new InvalidOperationException("The cluster is not running.");

    public async ValueTask InitializeAsync()
    {
        Unavailable = WhyUnavailable();
        if (Unavailable is not null)
        {
            return;
        }

        var ports = FreePorts(5);
        _environment = new Dictionary<string, string>
        {
            ["PORTAL_CLUSTER_DIR"] = Folder,
            ["PORTAL_CLUSTER_BALANCER_PORT"] = Port(ports[0]),
            ["PORTAL_CLUSTER_WEB1_PORT"] = Port(ports[1]),
            ["PORTAL_CLUSTER_WEB2_PORT"] = Port(ports[2]),
            ["PORTAL_CLUSTER_PG_PORT"] = Port(ports[3]),
            ["PORTAL_CLUSTER_REDIS_PORT"] = Port(ports[4]),
            ["PORTAL_CLUSTER_SEED_DEMO"] = "false",
            ["Portal__AdminEmail"] = HostEmail,
            ["Portal__AdminPassword"] = HostPassword,
            ["Jobs__Lease"] = Lease.ToString("c", CultureInfo.InvariantCulture),
            ["Jobs__PollInterval"] = "00:00:00.500",
            ["Api__SubmissionPermits"] = "100000",
            ["Inference__Provider"] = "Cpu",
        };
        var endpoints = await RunScriptAsync("up", TimeSpan.FromMinutes(6));
        Balancer = new Uri(endpoints["balancer"]);
        Web1 = new Uri(endpoints["web1"]);
        Web2 = new Uri(endpoints["web2"]);
        Postgres = endpoints["postgres"];
        Redis = endpoints["redis"];
        _setup = BuildSetupHost();
    }

    /// <summary>The competition the tests play in (made on first use, then shared): <see cref="ClusterScenario.Images"/> images, 8 teams.</summary>
    public Task<ClusterScenario> ScenarioAsync() => _scenario ??= ClusterScenario.CreateAsync(Services, teamCount: 8);

    /// <summary>Skips the calling test when the cluster cannot run on this machine.</summary>
    public void SkipWhenUnavailable() => Assert.SkipWhen(Unavailable is not null, Unavailable ?? "");

    /// <summary>Starts again whatever a test killed (<c>up</c> on a running cluster starts only what is not running).</summary>
    public async Task StartMissingAsync()
    {
        _environment["PORTAL_CLUSTER_BUILD"] = "0";
        await RunScriptAsync("up", TimeSpan.FromMinutes(3));
    }

    /// <summary>The process id of <paramref name="name"/> (web1, web2, worker1, worker2, balancer) from its pid file.</summary>
    public int Pid(string name) => int.Parse(File.ReadAllText(Path.Combine(Folder, "run", name + ".pid")).Trim(), CultureInfo.InvariantCulture);

    /// <summary><c>kill -9</c> of one of the cluster's processes.</summary>
    public static void Kill(int pid)
    {
        using var process = Process.GetProcessById(pid);
        process.Kill(entireProcessTree: false);
        process.WaitForExit(10_000);
    }

    /// <summary>A client of one instance or of the balancer: no cookies unless asked, redirects not followed.</summary>
    public static HttpClient Client(Uri baseAddress, string? token = null, CookieContainer? cookies = null)
    {
        var handler = new SocketsHttpHandler
        {
            AllowAutoRedirect = false,
            UseCookies = cookies is not null,
            CookieContainer = cookies ?? new CookieContainer(),
            MaxConnectionsPerServer = 16,
        };
        var client = new HttpClient(handler) { BaseAddress = baseAddress, Timeout = TimeSpan.FromSeconds(60) };
        if (token is not null)
        {
            client.DefaultRequestHeaders.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", token);
        }

        return client;
    }

    public async ValueTask DisposeAsync()
    {
        _setup?.Dispose();
        if (Unavailable is not null)
        {
            return;
        }

        try
        {
            await RunScriptAsync("down", TimeSpan.FromMinutes(2));
        }
        finally
        {
            try
            {
                Directory.Delete(Folder, recursive: true);
            }
            catch (IOException)
            {
                // Left in the temporary folder; nothing runs from it any more.
            }
        }
    }

    /// <summary>
    /// Runs <c>tools/cluster.sh COMMAND</c>; returns its endpoint lines ("name value") by name. Its output goes to files,
    /// not pipes: the processes it starts outlive it, and must not hold this process's pipes open.
    /// </summary>
    private async Task<Dictionary<string, string>> RunScriptAsync(string command, TimeSpan timeout)
    {
        Directory.CreateDirectory(Folder);
        var stdout = Path.Combine(Folder, $"cluster-{command}.out");
        var stderr = Path.Combine(Folder, $"cluster-{command}.err");
        var start = new ProcessStartInfo("bash") { UseShellExecute = false, WorkingDirectory = RepositoryRoot };
        start.ArgumentList.Add("-c");
        start.ArgumentList.Add($"exec bash tools/cluster.sh {command} >'{stdout}' 2>'{stderr}' </dev/null");
        foreach (var (key, value) in _environment)
        {
            start.Environment[key] = value;
        }

        using var process = Process.Start(start) ?? throw new InvalidOperationException("bash did not start.");
        using var cancel = new CancellationTokenSource(timeout);
        try
        {
            await process.WaitForExitAsync(cancel.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"tools/cluster.sh {command} took more than {timeout}: {Tail(stderr)}");
        }

        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException($"tools/cluster.sh {command} exited {process.ExitCode}:{Environment.NewLine}{Tail(stderr)}");
        }

        return File.ReadAllLines(stdout)
            .Select(line => line.Split(' ', 2))
            .Where(parts => parts.Length == 2)
            .ToDictionary(parts => parts[0], parts => parts[1], StringComparer.Ordinal);
    }

    private IHost BuildSetupHost()
    {
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { DisableDefaults = true, ContentRootPath = AppContext.BaseDirectory });
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Portal:DataDirectory"] = Path.Combine(Folder, "tests"),
            ["Portal:FilesDirectory"] = Path.Combine(Folder, "files"),
            ["Database:Provider"] = "Postgres",
            ["Database:ConnectionString"] = Postgres,
            ["Events:Redis"] = Redis,
            ["Jobs:RunWorker"] = "false",
        });
        builder.AddPortalData();
        builder.AddPortalIdentity();
        builder.AddPortalFeatures();
        builder.AddPortalJobs();
        return builder.Build();
    }

    private static string? WhyUnavailable()
    {
        if (!OperatingSystem.IsLinux())
        {
            return "The cluster tests run on Linux (tools/cluster.sh).";
        }

        var missing = new List<string>();
        if (!File.Exists("/usr/sbin/nginx"))
        {
            missing.Add("nginx");
        }

        if (!OnPath("redis-server"))
        {
            missing.Add("redis-server");
        }

        if (!Directory.Exists("/usr/lib/postgresql") || !Directory.EnumerateFiles("/usr/lib/postgresql", "initdb", SearchOption.AllDirectories).Any())
        {
            missing.Add("postgresql");
        }

        // tools/cluster.sh installs what is missing; the test command (PORTAL_REQUIRE_ENGINES=1) wants that, a bare
        // `dotnet test` on a machine without them skips.
        return missing.Count == 0 || Environment.GetEnvironmentVariable("PORTAL_REQUIRE_ENGINES") == "1"
            ? null
            : $"{string.Join(", ", missing)} not installed (bash tools/test.sh installs them; or set PORTAL_REQUIRE_ENGINES=1).";
    }

    private static bool OnPath(string program) =>
        (Environment.GetEnvironmentVariable("PATH") ?? "").Split(':').Any(folder => File.Exists(Path.Combine(folder, program)));

    private static int[] FreePorts(int count)
    {
        var listeners = Enumerable.Range(0, count).Select(_ => new TcpListener(IPAddress.Loopback, 0)).ToList();
        try
        {
            listeners.ForEach(l => l.Start());
            return [.. listeners.Select(l => ((IPEndPoint)l.LocalEndpoint).Port)];
        }
        finally
        {
            listeners.ForEach(l => l.Stop());
        }
    }

    private static string Port(int port) => port.ToString(CultureInfo.InvariantCulture);

    private string Tail(string file)
    {
        var lines = File.Exists(file) ? File.ReadAllLines(file) : [];
        var logs = Path.Combine(Folder, "logs");
        var logTails = Directory.Exists(logs)
            ? Directory.GetFiles(logs, "*.log").Select(log => $"--- {Path.GetFileName(log)}{Environment.NewLine}{string.Join(Environment.NewLine, File.ReadAllLines(log).TakeLast(15))}")
            : [];
        return string.Join(Environment.NewLine, lines.TakeLast(30).Concat(logTails));
    }

    private static string FindRepositoryRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "Portal.sln")))
            {
                return dir.FullName;
            }
        }

        throw new InvalidOperationException("The repository (Portal.sln) is not above " + AppContext.BaseDirectory);
    }
}
