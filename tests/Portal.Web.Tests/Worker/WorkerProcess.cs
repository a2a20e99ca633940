using System.Diagnostics;
using Portal.Web.Tests.Support;

namespace Portal.Web.Tests.Worker;

/// <summary>
/// The real Portal.Worker host as a process of its own (its build output beside the repository's other projects),
/// over a store (data folder and database) the test's web app also uses, with the same configuration keys set by environment variables.
/// </summary>
internal sealed class WorkerProcess : IDisposable
{
    private readonly Process _process;
    private readonly BoundedOutput _output = new();

    private WorkerProcess(Process process) => _process = process;

    /// <summary>What the worker wrote so far (for a failing test's message).</summary>
    public string Output => _output.ToString();

    public int Id => _process.Id;

    public static WorkerProcess Start(PortalStore store, IReadOnlyDictionary<string, string>? settings = null)
    {
        ArgumentNullException.ThrowIfNull(store);
        var start = new ProcessStartInfo("dotnet")
        {
            UseShellExecute = false,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            WorkingDirectory = Path.GetDirectoryName(WorkerDll)!,
        };
        start.ArgumentList.Add(WorkerDll);
        start.Environment["Portal__SeedDemo"] = "false";
        start.Environment["Inference__Provider"] = "Cpu";
        start.Environment["Jobs__PollInterval"] = "00:00:00.200";
        start.Environment["Jobs__Lease"] = "00:00:05";
        start.Environment["Logging__LogLevel__Default"] = "Warning";
        foreach (var (key, value) in store.Settings.Concat(settings ?? new Dictionary<string, string>()))
        {
            start.Environment[key.Replace(":", "__", StringComparison.Ordinal)] = value;
        }

        var process = Process.Start(start) ?? throw new InvalidOperationException("The worker did not start.");
        var worker = new WorkerProcess(process);
        process.OutputDataReceived += (_, e) => worker._output.Add(e.Data);
        process.ErrorDataReceived += (_, e) => worker._output.Add(e.Data);
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return worker;
    }

    /// <summary>Kills the worker and its sandboxed runners, as <c>kill -9</c> would.</summary>
    public void Kill()
    {
        try
        {
            _process.Kill(entireProcessTree: true);
            _process.WaitForExit(5000);
        }
        catch (InvalidOperationException)
        {
            // Already gone.
        }
    }

    public void Dispose()
    {
        Kill();
        _process.Dispose();
    }

    /// <summary>src/Portal.Worker/bin/{configuration}/net10.0/Portal.Worker.dll of this repository, built with the tests.</summary>
    private static string WorkerDll
    {
        get
        {
            var here = new DirectoryInfo(AppContext.BaseDirectory);
            var configuration = here.Parent!.Name;
            var root = here;
            while (root is not null && !File.Exists(Path.Combine(root.FullName, "Portal.sln")))
            {
                root = root.Parent;
            }

            var dll = Path.Combine(root?.FullName ?? throw new InvalidOperationException("Portal.sln not found above the tests."),
                "src", "Portal.Worker", "bin", configuration, here.Name, "Portal.Worker.dll");
            return File.Exists(dll) ? dll : throw new FileNotFoundException("Build src/Portal.Worker first.", dll);
        }
    }

    private sealed class BoundedOutput
    {
        private const int MaxLines = 200;
        private readonly Queue<string> _lines = new();
        private readonly Lock _lock = new();

        public void Add(string? line)
        {
            if (line is null)
            {
                return;
            }

            lock (_lock)
            {
                _lines.Enqueue(line);
                if (_lines.Count > MaxLines)
                {
                    _lines.Dequeue();
                }
            }
        }

        public override string ToString()
        {
            lock (_lock)
            {
                return string.Join('\n', _lines);
            }
        }
    }
}
