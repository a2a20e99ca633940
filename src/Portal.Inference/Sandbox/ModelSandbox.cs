using System.Diagnostics;
using System.Globalization;
using System.Runtime.InteropServices;
using System.Text.Json;
using Portal.Inference.Onnx;

namespace Portal.Inference.Sandbox;

/// <summary>
/// Runs a participant's model as untrusted code: in a child process (the <c>Portal.Sandbox</c> runner) started with
/// an empty working directory, a clean environment, a memory limit it cannot raise (an address-space limit set before
/// the model is read, a memory cgroup where the machine lets us make one, and this side's watch of its resident
/// memory), and a stop that cannot be ignored: on cancel or time-out ONNX Runtime is told to terminate, and the
/// process is killed if it has not ended within <see cref="SandboxOptions.StopGrace"/>. Results are read back from
/// files the runner writes; its exit alone is never taken as success. The decoded-image cache is opened by the
/// runner read-only and shared, not copied.
/// </summary>
public sealed class ModelSandbox(SandboxOptions options)
{
    private const string ModelFile = "model.onnx";
    private const string RequestFile = "request.json";
    private const string ReplyFile = "reply.json";
    private const string ProbabilitiesFile = "probabilities.bin";
    private const int MaxStandardErrorChars = 4000;

    public SandboxOptions Options { get; } = options ?? throw new ArgumentNullException(nameof(options));

    /// <summary>
    /// Loads <paramref name="model"/> in the sandbox (CPU) and checks it against a competition with
    /// <paramref name="classCount"/> classes: the upload check, so the web process never parses a model itself.
    /// </summary>
    /// <returns>What the model expects.</returns>
    /// <exception cref="ModelRunFailedException">The model was refused, used too much memory or crashed the runner; the message says why.</exception>
    /// <exception cref="SandboxUnavailableException">The runner could not be started.</exception>
    public async Task<ModelShape> CheckAsync(ReadOnlyMemory<byte> model, int classCount, CancellationToken cancellationToken = default)
    {
        var (reply, _) = await ExecuteAsync(model, folder => new SandboxRequest
        {
            Command = SandboxCommand.Check,
            ModelPath = Path.Combine(folder, ModelFile),
            ReplyPath = Path.Combine(folder, ReplyFile),
            ClassCount = classCount,
            MemoryLimitBytes = Options.MemoryLimitBytes,
        }, null, cancellationToken);
        return reply.Shape ?? throw new SandboxUnavailableException("The runner accepted the model but did not say what it expects.");
    }

    /// <summary>Runs <paramref name="model"/> over the cached images of <paramref name="run"/>; <paramref name="progress"/> gets the images done.</summary>
    /// <exception cref="OperationCanceledException"><paramref name="cancellationToken"/> fired; the runner has ended.</exception>
    /// <exception cref="ModelRunFailedException">The model failed, used too much memory or crashed the runner; the message says why.</exception>
    /// <exception cref="SandboxUnavailableException">The runner could not be started, or its results were incomplete.</exception>
    public async Task<SandboxRunResult> RunAsync(ReadOnlyMemory<byte> model, SandboxRun run, IProgress<int>? progress, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(run);
        var (reply, folder) = await ExecuteAsync(model, folder => new SandboxRequest
        {
            Command = SandboxCommand.Run,
            ModelPath = Path.Combine(folder, ModelFile),
            ReplyPath = Path.Combine(folder, ReplyFile),
            ProbabilitiesPath = Path.Combine(folder, ProbabilitiesFile),
            ClassCount = run.ClassCount,
            MemoryLimitBytes = Options.MemoryLimitBytes,
            Provider = run.Provider,
            IntraOpThreads = run.IntraOpThreads,
            BatchSize = run.BatchSize,
            Preprocess = run.Preprocess,
            Tta = run.Tta,
            Merge = run.Merge,
            CachePath = Path.GetFullPath(run.CachePath),
        }, progress, cancellationToken, keepFolder: true);
        try
        {
            return ReadProbabilities(Path.Combine(folder, ProbabilitiesFile), reply, run);
        }
        finally
        {
            DeleteFolder(folder);
        }
    }

    private static SandboxRunResult ReadProbabilities(string path, SandboxReply reply, SandboxRun run)
    {
        var length = (long)run.ImageCount * run.ClassCount;
        var arrays = reply.Views.Count + 1;
        var info = new FileInfo(path);
        if (reply.Views.Count == 0 || !info.Exists || info.Length != arrays * length * sizeof(float))
        {
            throw new SandboxUnavailableException("The runner reported success but its probabilities are missing or incomplete.");
        }

        using var file = File.OpenRead(path);
        var values = new float[arrays][];
        for (var i = 0; i < arrays; i++)
        {
            values[i] = new float[length];
            file.ReadExactly(MemoryMarshal.AsBytes(values[i].AsSpan()));
        }

        return new SandboxRunResult(reply.Views, values[..^1], values[^1], reply.Provider ?? new ProviderReport(run.Provider, run.Provider, null));
    }

    private async Task<(SandboxReply Reply, string Folder)> ExecuteAsync(ReadOnlyMemory<byte> model, Func<string, SandboxRequest> makeRequest,
        IProgress<int>? progress, CancellationToken cancellationToken, bool keepFolder = false)
    {
        cancellationToken.ThrowIfCancellationRequested();
        var root = Path.Combine(Path.GetFullPath(Options.WorkFolder), Guid.NewGuid().ToString("N"));
        var exchange = Path.Combine(root, "io");
        var workingDirectory = Path.Combine(root, "work");
        Directory.CreateDirectory(exchange);
        Directory.CreateDirectory(workingDirectory);
        var succeeded = false;
        try
        {
            var request = makeRequest(exchange);
            await File.WriteAllBytesAsync(request.ModelPath, model, cancellationToken);
            var requestPath = Path.Combine(exchange, RequestFile);
            await File.WriteAllTextAsync(requestPath, JsonSerializer.Serialize(request, SandboxProtocol.Json), cancellationToken);
            var reply = await RunProcessAsync(requestPath, request.ReplyPath, workingDirectory, progress, cancellationToken);
            succeeded = true;
            return (reply, exchange);
        }
        finally
        {
            if (!keepFolder || !succeeded)
            {
                DeleteFolder(exchange);
            }

            DeleteFolder(workingDirectory);
            if (!keepFolder || !succeeded)
            {
                DeleteFolder(root);
            }
        }
    }

    private async Task<SandboxReply> RunProcessAsync(string requestPath, string replyPath, string workingDirectory, IProgress<int>? progress,
        CancellationToken cancellationToken)
    {
        using var process = new Process { StartInfo = StartInfo(workingDirectory), EnableRaisingEvents = true };
        var errors = new BoundedText(MaxStandardErrorChars);
        process.ErrorDataReceived += (_, e) => errors.Append(e.Data);
        var ready = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        process.OutputDataReceived += (_, e) =>
        {
            if (e.Data == SandboxProtocol.Ready)
            {
                ready.TrySetResult();
            }
            else if (SandboxProtocol.ParseProgress(e.Data) is { } done)
            {
                progress?.Report(done);
            }
        };

        try
        {
            if (!process.Start())
            {
                throw new SandboxUnavailableException("The model runner could not be started.");
            }
        }
        catch (System.ComponentModel.Win32Exception e)
        {
            throw new SandboxUnavailableException($"The model runner could not be started: {e.Message}", e);
        }

        using var cgroup = MemoryCgroup.TryCreate(Options.MemoryLimitBytes);
        var stop = new StopState();
        try
        {
            process.BeginOutputReadLine();
            process.BeginErrorReadLine();
            cgroup?.Add(process.Id);
            var exited = process.WaitForExitAsync(CancellationToken.None);
            using (var startTimeout = new CancellationTokenSource(Options.StartTimeout))
            {
                var first = await Task.WhenAny(ready.Task, exited, Task.Delay(Timeout.Infinite, startTimeout.Token).ContinueWith(_ => { }, TaskScheduler.Default));
                if (first != ready.Task)
                {
                    Kill(process);
                    throw new SandboxUnavailableException($"The model runner did not start: {errors}");
                }
            }

            // From here on the model is the runner's business: any death is the model's doing or ours, never the server's.
            await process.StandardInput.WriteLineAsync(requestPath.AsMemory(), CancellationToken.None);
            await process.StandardInput.FlushAsync(CancellationToken.None);
            using var cancelled = cancellationToken.Register(() => _ = StopAsync(process, stop));
            using var watch = new CancellationTokenSource();
            var watchdog = WatchMemoryAsync(process, stop, watch.Token);
            await exited;
            await watch.CancelAsync();
            await watchdog;
        }
        finally
        {
            if (!process.HasExited)
            {
                Kill(process);
                await process.WaitForExitAsync(CancellationToken.None);
            }
        }

        // Let the output readers drain, so the last progress and standard error lines are in.
        process.WaitForExit();
        return Classify(process, replyPath, stop, cgroup?.OutOfMemoryKills > 0, errors.ToString(), cancellationToken);
    }

    private SandboxReply Classify(Process process, string replyPath, StopState stop, bool cgroupKilled, string errors, CancellationToken cancellationToken)
    {
        var reply = ReadReply(replyPath);
        if (stop.ForMemory || cgroupKilled || reply?.Outcome == SandboxOutcome.OutOfMemory)
        {
            throw new ModelRunFailedException(ModelRunFailure.MemoryLimit,
                $"{OnnxRuntimeErrors.MemorySentence}: more than {FormatBytes(Options.MemoryLimitBytes)}.", reply?.Detail ?? errors, reply?.FailedAtImage);
        }

        if (stop.Requested || reply?.Outcome == SandboxOutcome.Stopped)
        {
            cancellationToken.ThrowIfCancellationRequested();
            throw new OperationCanceledException("The model runner was stopped.");
        }

        switch (reply?.Outcome)
        {
            case SandboxOutcome.Succeeded when process.ExitCode == 0:
                return reply;
            case SandboxOutcome.Refused:
                throw new ModelRunFailedException(ModelRunFailure.Refused, reply.Message ?? "The model was refused.", reply.Detail);
            case SandboxOutcome.ModelFailed:
                throw new ModelRunFailedException(ModelRunFailure.Failed, reply.Message ?? OnnxRuntimeErrors.RunFailure(null), reply.Detail, reply.FailedAtImage);
            default:
                var how = ExitDescription(process.ExitCode);
                throw new ModelRunFailedException(ModelRunFailure.Crashed,
                    $"The model stopped the runner unexpectedly ({how}) before it finished. Check that it runs with onnxruntime in Python.",
                    $"Runner {how}; standard error: {errors}");
        }
    }

    private static SandboxReply? ReadReply(string path)
    {
        try
        {
            return File.Exists(path) ? JsonSerializer.Deserialize<SandboxReply>(File.ReadAllText(path), SandboxProtocol.Json) : null;
        }
        catch (JsonException)
        {
            return null;
        }
    }

    /// <summary>Tells the runner to stop; kills it when it has not ended within the grace period.</summary>
    private async Task StopAsync(Process process, StopState stop)
    {
        stop.Requested = true;
        try
        {
            await process.StandardInput.WriteLineAsync(SandboxProtocol.Cancel);
            await process.StandardInput.FlushAsync();
        }
        catch (Exception e) when (e is IOException or ObjectDisposedException or InvalidOperationException)
        {
            // It has already ended.
        }

        try
        {
            await process.WaitForExitAsync(CancellationToken.None).WaitAsync(Options.StopGrace);
        }
        catch (TimeoutException)
        {
            Kill(process);
        }
        catch (InvalidOperationException)
        {
            // Disposed: it has ended.
        }
    }

    private async Task WatchMemoryAsync(Process process, StopState stop, CancellationToken cancellationToken)
    {
        using var timer = new PeriodicTimer(Options.MemoryPollInterval);
        try
        {
            while (await timer.WaitForNextTickAsync(cancellationToken))
            {
                if (ResidentBytes(process.Id) > Options.MemoryLimitBytes)
                {
                    stop.ForMemory = true;
                    Kill(process);
                    return;
                }
            }
        }
        catch (OperationCanceledException)
        {
            // The runner has ended.
        }
    }

    /// <summary>The resident memory of process <paramref name="pid"/> from /proc (0 once it has ended).</summary>
    private static long ResidentBytes(int pid)
    {
        try
        {
            foreach (var line in File.ReadLines($"/proc/{pid}/status"))
            {
                if (line.StartsWith("VmRSS:", StringComparison.Ordinal))
                {
                    var kib = line["VmRSS:".Length..].Trim().Split(' ')[0];
                    return long.Parse(kib, CultureInfo.InvariantCulture) * 1024;
                }
            }
        }
        catch (IOException)
        {
        }
        catch (UnauthorizedAccessException)
        {
        }

        return 0;
    }

    private ProcessStartInfo StartInfo(string workingDirectory)
    {
        if (!File.Exists(Options.RunnerPath))
        {
            throw new SandboxUnavailableException($"The model runner '{Options.RunnerPath}' is missing; build or publish Portal.Sandbox beside the application.");
        }

        var start = new ProcessStartInfo(DotnetHost())
        {
            WorkingDirectory = workingDirectory,
            UseShellExecute = false,
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            CreateNoWindow = true,
        };
        start.ArgumentList.Add(Options.RunnerPath);
        // A clean environment: the server's secrets (connection strings, tokens) never reach the model's process.
        start.Environment.Clear();
        foreach (var name in PassedVariables)
        {
            if (Environment.GetEnvironmentVariable(name) is { } value)
            {
                start.Environment[name] = value;
            }
        }

        start.Environment["HOME"] = workingDirectory;
        start.Environment["TMPDIR"] = workingDirectory;
        start.Environment["DOTNET_CLI_TELEMETRY_OPTOUT"] = "1";
        start.Environment["DOTNET_gcServer"] = "0";
        // The managed heap stays within the limit too (the model's memory is native, capped by the runner's address-space limit).
        start.Environment["DOTNET_GCHeapHardLimit"] = "0x" + Options.MemoryLimitBytes.ToString("x", CultureInfo.InvariantCulture);
        start.Environment[SandboxProtocol.MemoryLimitVariable] = Options.MemoryLimitBytes.ToString(CultureInfo.InvariantCulture);
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

    private static void Kill(Process process)
    {
        try
        {
            process.Kill(entireProcessTree: true);
        }
        catch (InvalidOperationException)
        {
            // It has already ended.
        }
    }

    private static void DeleteFolder(string folder)
    {
        try
        {
            if (Directory.Exists(folder))
            {
                Directory.Delete(folder, recursive: true);
            }
        }
        catch (IOException)
        {
            // Swept at the next start.
        }
        catch (UnauthorizedAccessException)
        {
        }
    }

    private static string ExitDescription(int code) =>
        code > 128 && !OperatingSystem.IsWindows()
            ? string.Create(CultureInfo.InvariantCulture, $"killed by signal {code - 128}")
            : string.Create(CultureInfo.InvariantCulture, $"exit code {code}");

    /// <summary>"4 GiB", "512 MiB".</summary>
    public static string FormatBytes(long bytes) => bytes >= 1L << 30 && bytes % (1L << 30) == 0
        ? string.Create(CultureInfo.InvariantCulture, $"{bytes >> 30} GiB")
        : string.Create(CultureInfo.InvariantCulture, $"{bytes / (double)(1 << 20):0.#} MiB");

    private sealed class StopState
    {
        public volatile bool Requested;
        public volatile bool ForMemory;
    }
}
