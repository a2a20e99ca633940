using System.Diagnostics;
using System.Globalization;
using System.Runtime.InteropServices;

namespace Portal.Inference.Sandbox;

/// <summary>
/// One started runner: its process, started in an empty working directory of its own with a clean environment, and
/// its exchange folder beside it. It is started ahead of need (<see cref="ModelSandbox"/> keeps one spare), warms up
/// (ONNX Runtime's library, the JSON code) and says <see cref="SandboxProtocol.Ready"/>; it is then given one request,
/// and ends. Disposing kills it if still alive and deletes both folders.
/// </summary>
internal sealed class RunnerProcess : IDisposable
{
    private const int MaxStandardErrorChars = 4000;

    private readonly Process _process;
    private readonly TaskCompletionSource _ready = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly BoundedText _errors = new(MaxStandardErrorChars);
    /// <summary>The file whose lock says a runner's folder is in use (see <see cref="ModelSandbox.SweepLeftovers"/>).</summary>
    internal const string LockFile = "lock";

    private readonly string _root;
    private readonly FileStream _lock;

    private RunnerProcess(Process process, string root, FileStream lockFile)
    {
        _process = process;
        _root = root;
        _lock = lockFile;
    }

    /// <summary>The folder of the model, request, reply and probabilities files.</summary>
    public string Exchange => Path.Combine(_root, "io");

    /// <summary>The runner's working directory: empty, and kept empty (its home and temporary folder are elsewhere).</summary>
    public string WorkingDirectory => Path.Combine(_root, "work");

    public Process Process => _process;

    /// <summary>Completes when the runner has said it is ready.</summary>
    public Task Ready => _ready.Task;

    /// <summary>Gets the images done as the runner reports them.</summary>
    public IProgress<int>? Progress { get; set; }

    /// <summary>The start of what the runner wrote to standard error.</summary>
    public string Errors => _errors.ToString();

    /// <summary>Whether it has ended.</summary>
    public bool HasExited
    {
        get
        {
            try
            {
                return _process.HasExited;
            }
            catch (InvalidOperationException)
            {
                return true;
            }
        }
    }

    /// <summary>Starts a runner under <paramref name="options"/>' work folder.</summary>
    /// <exception cref="SandboxUnavailableException">The runner is missing or could not be started.</exception>
    public static RunnerProcess Start(SandboxOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        if (!File.Exists(options.RunnerPath))
        {
            throw new SandboxUnavailableException($"The model runner '{options.RunnerPath}' is missing; build or publish Portal.Sandbox beside the application.");
        }

        var root = Path.Combine(Path.GetFullPath(options.WorkFolder), Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(Path.Combine(root, "io"));
        Directory.CreateDirectory(Path.Combine(root, "work"));
        Directory.CreateDirectory(Path.Combine(root, "home"));
        // Held while the folder is in use: on Unix, .NET takes an exclusive flock for FileShare.None, which any process
        // sweeping leftovers can test, and which the kernel drops if this process dies.
        var held = new FileStream(Path.Combine(root, LockFile), FileMode.CreateNew, FileAccess.ReadWrite, FileShare.None);
        var process = new Process { StartInfo = StartInfo(options, Path.Combine(root, "work"), Path.Combine(root, "home")), EnableRaisingEvents = true };
        var runner = new RunnerProcess(process, root, held);
        process.ErrorDataReceived += (_, e) => runner._errors.Append(e.Data);
        process.OutputDataReceived += (_, e) => runner.OnLine(e.Data);
        process.Exited += (_, _) => runner._ready.TrySetException(new SandboxUnavailableException($"The model runner ended before it was ready: {runner.Errors}"));
        try
        {
            if (!process.Start())
            {
                throw new SandboxUnavailableException("The model runner could not be started.");
            }
        }
        catch (System.ComponentModel.Win32Exception e)
        {
            held.Dispose();
            runner.DeleteFolders();
            throw new SandboxUnavailableException($"The model runner could not be started: {e.Message}", e);
        }

        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return runner;
    }

    /// <summary>Sends one line to the runner's standard input; false when it has ended.</summary>
    public async Task<bool> SendAsync(string line)
    {
        try
        {
            await _process.StandardInput.WriteLineAsync(line.AsMemory(), CancellationToken.None);
            await _process.StandardInput.FlushAsync(CancellationToken.None);
            return true;
        }
        catch (Exception e) when (e is IOException or ObjectDisposedException or InvalidOperationException)
        {
            return false;
        }
    }

    public void Kill()
    {
        try
        {
            _process.Kill(entireProcessTree: true);
        }
        catch (InvalidOperationException)
        {
            // It has already ended.
        }
    }

    public void Dispose()
    {
        if (!HasExited)
        {
            Kill();
            _process.WaitForExit(1000);
        }

        _process.Dispose();
        _lock.Dispose();
        DeleteFolders();
    }

    private void OnLine(string? line)
    {
        if (line == SandboxProtocol.Ready)
        {
            _ready.TrySetResult();
        }
        else if (SandboxProtocol.ParseProgress(line) is { } done)
        {
            Progress?.Report(done);
        }
    }

    private void DeleteFolders()
    {
        try
        {
            if (Directory.Exists(_root))
            {
                Directory.Delete(_root, recursive: true);
            }
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            // Swept at the next start.
        }
    }

    private static ProcessStartInfo StartInfo(SandboxOptions options, string workingDirectory, string home)
    {
        var start = new ProcessStartInfo(DotnetHost())
        {
            WorkingDirectory = workingDirectory,
            UseShellExecute = false,
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            CreateNoWindow = true,
        };
        start.ArgumentList.Add(options.RunnerPath);
        // A clean environment: the server's secrets (connection strings, tokens) never reach the model's process.
        start.Environment.Clear();
        foreach (var name in PassedVariables)
        {
            if (Environment.GetEnvironmentVariable(name) is { } value)
            {
                start.Environment[name] = value;
            }
        }

        // Whatever .NET or ONNX Runtime write for themselves (caches, temporary files) goes beside the working
        // directory, never into it: the one folder a relative path in a model could name stays empty.
        start.Environment["HOME"] = home;
        start.Environment["TMPDIR"] = home;
        start.Environment["DOTNET_CLI_TELEMETRY_OPTOUT"] = "1";
        start.Environment["DOTNET_gcServer"] = "0";
        // The managed heap stays within the limit too (the model's memory is native, capped by the runner's address-space limit).
        start.Environment["DOTNET_GCHeapHardLimit"] = "0x" + options.MemoryLimitBytes.ToString("x", CultureInfo.InvariantCulture);
        return start;
    }

    // What the runner needs to find .NET, the CUDA libraries and the GPU; nothing else of the server's environment.
    private static readonly string[] PassedVariables =
        ["PATH", "DOTNET_ROOT", "DOTNET_ROOT_X64", "LD_LIBRARY_PATH", "CUDA_VISIBLE_DEVICES", "NVIDIA_VISIBLE_DEVICES", "LANG"];

    /// <summary>The .NET host that runs this process (the muxer of its runtime), which then runs the runner's assembly.</summary>
    private static string DotnetHost()
    {
        var name = OperatingSystem.IsWindows() ? "dotnet.exe" : "dotnet";
        if (Environment.ProcessPath is { } self && Path.GetFileName(self) == name)
        {
            return self;
        }

        // shared/Microsoft.NETCore.App/<version>/ sits three folders under the .NET root.
        var runtime = RuntimeEnvironment.GetRuntimeDirectory().TrimEnd(Path.DirectorySeparatorChar);
        var root = Path.GetDirectoryName(Path.GetDirectoryName(Path.GetDirectoryName(runtime)));
        var candidate = root is null ? null : Path.Combine(root, name);
        return candidate is not null && File.Exists(candidate) ? candidate : name;
    }
}
