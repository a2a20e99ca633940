using System.ComponentModel;
using System.Diagnostics;
using System.Net;
using System.Net.Sockets;

namespace Portal.Web.Tests.Support;

/// <summary>
/// A <c>redis-server</c> of the tests' own (Debian's package; <c>tools/engines.sh</c> installs it) on a free loopback
/// port, nothing persisted, in a temporary folder: one the tests may kill (as <c>kill -9</c> would) and start again on
/// the same port.
/// </summary>
public sealed class RedisServer : IDisposable
{
    private static readonly TimeSpan StartTimeout = TimeSpan.FromSeconds(20);
    private readonly string _folder = PortalFactory.NewDataDirectory();
    private Process? _process;

    private RedisServer(int port) => Port = port;

    public int Port { get; }

    /// <summary>The StackExchange.Redis configuration string of this server.</summary>
    public string Configuration => $"127.0.0.1:{Port}";

    /// <summary>A started server, or null with the reason when <c>redis-server</c> is not installed or does not start.</summary>
    public static RedisServer? TryStart(out string? unavailable)
    {
        var server = new RedisServer(FreePort());
        try
        {
            server.Start();
            unavailable = null;
            return server;
        }
        catch (Exception e) when (e is Win32Exception or InvalidOperationException)
        {
            server.Dispose();
            unavailable = $"redis-server could not be started ({e.Message}); install it with `bash tools/engines.sh up` or set PORTAL_TEST_REDIS.";
            return null;
        }
    }

    /// <summary>Starts the server (again) on <see cref="Port"/> and waits until it accepts connections.</summary>
    public void Start()
    {
        var start = new ProcessStartInfo("redis-server") { UseShellExecute = false, WorkingDirectory = _folder };
        var log = Path.Combine(_folder, "redis.log");
        foreach (var argument in new[] { "--bind", "127.0.0.1", "--port", $"{Port}", "--save", "", "--appendonly", "no", "--dir", _folder, "--logfile", log })
        {
            start.ArgumentList.Add(argument);
        }

        _process = Process.Start(start) ?? throw new InvalidOperationException("redis-server did not start.");
        var clock = Stopwatch.StartNew();
        while (!Accepts())
        {
            if (_process.HasExited || clock.Elapsed > StartTimeout)
            {
                Kill();
                var said = File.Exists(log) ? File.ReadLines(log).TakeLast(5) : [];
                throw new InvalidOperationException($"redis-server did not accept connections on port {Port}: {string.Join(" / ", said)}");
            }

            Thread.Sleep(20);
        }
    }

    /// <summary>Kills the server at once, as <c>kill -9</c> would: its clients see their connections drop.</summary>
    public void Kill()
    {
        if (_process is null)
        {
            return;
        }

        try
        {
            _process.Kill();
            _process.WaitForExit(5000);
        }
        catch (InvalidOperationException)
        {
            // Already gone.
        }

        _process.Dispose();
        _process = null;
    }

    public void Dispose()
    {
        Kill();
        PortalFactory.DeleteDataDirectory(_folder);
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    private bool Accepts()
    {
        try
        {
            using var client = new TcpClient();
            client.Connect(IPAddress.Loopback, Port);
            return true;
        }
        catch (SocketException)
        {
            return false;
        }
    }
}
