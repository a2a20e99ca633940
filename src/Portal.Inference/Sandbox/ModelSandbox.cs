using System.Globalization;
using System.Runtime.InteropServices;
using System.Text.Json;
using Portal.Core.Competitions;
using Portal.Inference.Onnx;

namespace Portal.Inference.Sandbox;

/// <summary>
/// Runs a participant's model as untrusted code: in a child process (the <c>Portal.Sandbox</c> runner) started with
/// an empty working directory, a clean environment, a memory limit it cannot raise (an address-space limit set before
/// the model is read, a memory cgroup where the machine lets us make one, and this side's watch of its resident
/// memory), and a stop that cannot be ignored: on cancel or time-out ONNX Runtime is told to terminate, and the
/// process is killed if it has not ended within <see cref="SandboxOptions.StopGrace"/>. Results are read back from
/// files the runner writes; its exit alone is never taken as success. The decoded-image cache is opened by the
/// runner read-only and shared, not copied. One runner is kept started and warm ahead of need, so a run pays for
/// loading its model, not for starting .NET and ONNX Runtime. Thread-safe.
/// </summary>
public sealed class ModelSandbox(SandboxOptions options) : IDisposable
{
    private const string ModelFile = "model.onnx";
    private const string RequestFile = "request.json";
    private const string ReplyFile = "reply.json";
    private const string ProbabilitiesFile = "probabilities.bin";

    private readonly Lock _lock = new();
    private readonly SemaphoreSlim _checks = new(Math.Max(1, options?.MaxConcurrentChecks ?? 1));
    private RunnerProcess? _spare;
    private bool _disposed;

    public SandboxOptions Options { get; } = options ?? throw new ArgumentNullException(nameof(options));

    /// <summary>
    /// Loads <paramref name="model"/> in the sandbox (CPU) and checks it against a competition with
    /// <paramref name="classCount"/> classes (and, with <paramref name="heads"/>, the competition's attribute axes, so
    /// a model with one output per head is taken): the upload check, so the web process never parses a model itself.
    /// </summary>
    /// <returns>What the model expects.</returns>
    /// <exception cref="ModelRunFailedException">The model was refused, used too much memory or crashed the runner; the message says why.</exception>
    /// <exception cref="SandboxUnavailableException">The runner could not be started.</exception>
    public Task<ModelShape> CheckAsync(ReadOnlyMemory<byte> model, int classCount, CancellationToken cancellationToken = default) =>
        CheckAsync(model, classCount, null, cancellationToken);

    /// <summary>As <see cref="CheckAsync(ReadOnlyMemory{byte}, int, CancellationToken)"/>; <paramref name="heads"/> are the competition's attribute axes (null: none).</summary>
    /// <exception cref="ModelRunFailedException">The model was refused, used too much memory or crashed the runner; the message says why.</exception>
    /// <exception cref="SandboxUnavailableException">The runner could not be started.</exception>
    public Task<ModelShape> CheckAsync(ReadOnlyMemory<byte> model, int classCount, AttributeHeads? heads, CancellationToken cancellationToken = default) =>
        CheckAsync(model, classCount, heads, null, cancellationToken);

    /// <summary>
    /// As <see cref="CheckAsync(ReadOnlyMemory{byte}, int, AttributeHeads?, CancellationToken)"/> for a single-head model:
    /// <paramref name="head"/> names the attribute head it is tagged as (<paramref name="classCount"/> is that head's size),
    /// so a refusal speaks of the head's values rather than the competition's classes.
    /// </summary>
    /// <exception cref="ModelRunFailedException">The model was refused, used too much memory or crashed the runner; the message says why.</exception>
    /// <exception cref="SandboxUnavailableException">The runner could not be started.</exception>
    public async Task<ModelShape> CheckAsync(ReadOnlyMemory<byte> model, int classCount, AttributeHeads? heads, string? head, CancellationToken cancellationToken = default)
    {
        await _checks.WaitAsync(cancellationToken);
        try
        {
            using var runner = Take();
            var reply = await ExecuteAsync(runner, model, new SandboxRequest
            {
                Command = SandboxCommand.Check,
                ModelPath = Path.Combine(runner.Exchange, ModelFile),
                ReplyPath = Path.Combine(runner.Exchange, ReplyFile),
                ClassCount = classCount,
                HeadSizes = heads?.Sizes,
                HeadNames = heads?.Names,
                Head = head,
                MemoryLimitBytes = Options.CheckMemoryLimitBytes,
            }, null, cancellationToken);
            return reply.Shape ?? throw new SandboxUnavailableException("The runner accepted the model but did not say what it expects.");
        }
        finally
        {
            _checks.Release();
        }
    }

    /// <summary>Runs <paramref name="model"/> over the cached images of <paramref name="run"/>; <paramref name="progress"/> gets the images done.</summary>
    /// <exception cref="OperationCanceledException"><paramref name="cancellationToken"/> fired; the runner has ended.</exception>
    /// <exception cref="ModelRunFailedException">The model failed, used too much memory or crashed the runner; the message says why.</exception>
    /// <exception cref="SandboxUnavailableException">The runner could not be started, or its results were incomplete.</exception>
    public async Task<SandboxRunResult> RunAsync(ReadOnlyMemory<byte> model, SandboxRun run, IProgress<int>? progress, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(run);
        using var runner = Take();
        var probabilities = Path.Combine(runner.Exchange, ProbabilitiesFile);
        var reply = await ExecuteAsync(runner, model, new SandboxRequest
        {
            Command = SandboxCommand.Run,
            ModelPath = Path.Combine(runner.Exchange, ModelFile),
            ReplyPath = Path.Combine(runner.Exchange, ReplyFile),
            ProbabilitiesPath = probabilities,
            ClassCount = run.ClassCount,
            HeadSizes = run.Heads?.Sizes,
            HeadNames = run.Heads?.Names,
            Head = run.Head,
            MemoryLimitBytes = Options.MemoryLimitBytes,
            Provider = run.Provider,
            IntraOpThreads = run.IntraOpThreads,
            BatchSize = run.BatchSize,
            Preprocess = run.Preprocess,
            Tta = run.Tta,
            Merge = run.Merge,
            CachePath = Path.GetFullPath(run.CachePath),
        }, progress, cancellationToken);
        return ReadProbabilities(probabilities, reply, run);
    }

    /// <summary>
    /// Deletes the folders of runners that no live process holds (left by a worker that was killed), in this or any
    /// other process sharing the work folder; returns how many. Call at start.
    /// </summary>
    public int SweepLeftovers()
    {
        var folder = Path.GetFullPath(Options.WorkFolder);
        if (!Directory.Exists(folder))
        {
            return 0;
        }

        var swept = 0;
        foreach (var run in Directory.GetDirectories(folder))
        {
            try
            {
                var lockPath = Path.Combine(run, RunnerProcess.LockFile);
                if (File.Exists(lockPath))
                {
                    // Throws while a live process holds it.
                    using var probe = new FileStream(lockPath, FileMode.Open, FileAccess.ReadWrite, FileShare.None);
                }
                else if (Directory.GetCreationTimeUtc(run) > DateTime.UtcNow - Options.StartTimeout)
                {
                    // Being set up right now.
                    continue;
                }

                Directory.Delete(run, recursive: true);
                swept++;
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                // In use.
            }
        }

        return swept;
    }

    /// <summary>Ends the spare runner.</summary>
    public void Dispose()
    {
        lock (_lock)
        {
            _disposed = true;
            _spare?.Dispose();
            _spare = null;
        }

        _checks.Dispose();
    }

    /// <summary>The spare runner if it is still alive, else a new one; a new spare is started in its place.</summary>
    private RunnerProcess Take()
    {
        RunnerProcess? taken;
        lock (_lock)
        {
            ObjectDisposedException.ThrowIf(_disposed, this);
            taken = _spare;
            _spare = null;
        }

        if (taken is { HasExited: true })
        {
            taken.Dispose();
            taken = null;
        }

        taken ??= RunnerProcess.Start(Options);
        if (Options.KeepSpare)
        {
            try
            {
                var spare = RunnerProcess.Start(Options);
                lock (_lock)
                {
                    if (_disposed)
                    {
                        spare.Dispose();
                    }
                    else
                    {
                        _spare = spare;
                    }
                }
            }
            catch (SandboxUnavailableException)
            {
                // The taken one runs; the next run starts its own.
            }
        }

        return taken;
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

    private async Task<SandboxReply> ExecuteAsync(RunnerProcess runner, ReadOnlyMemory<byte> model, SandboxRequest request, IProgress<int>? progress,
        CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        await WaitReadyAsync(runner, cancellationToken);
        await File.WriteAllBytesAsync(request.ModelPath, model, cancellationToken);
        var requestPath = Path.Combine(runner.Exchange, RequestFile);
        await File.WriteAllTextAsync(requestPath, JsonSerializer.Serialize(request, SandboxProtocol.Json), cancellationToken);
        using var cgroup = MemoryCgroup.TryCreate(request.MemoryLimitBytes);
        var stop = new StopState();
        // Before the request: from its first byte of the model on, the runner is inside the cgroup.
        cgroup?.Add(runner.Process.Id);
        runner.Progress = progress;
        if (!await runner.SendAsync(requestPath))
        {
            throw new SandboxUnavailableException($"The model runner ended before it was given its request: {runner.Errors}");
        }

        // From here on the model is the runner's business: any death is the model's doing or ours, never the server's.
        using (cancellationToken.Register(() => _ = StopAsync(runner, stop)))
        using (var watch = new CancellationTokenSource())
        {
            var watchdog = WatchMemoryAsync(runner, request.MemoryLimitBytes, stop, watch.Token);
            await runner.Process.WaitForExitAsync(CancellationToken.None);
            await watch.CancelAsync();
            await watchdog;
        }

        // Let the output readers drain, so the last progress and standard error lines are in.
        runner.Process.WaitForExit();
        return Classify(runner, request, stop, cgroup?.OutOfMemoryKills > 0, cancellationToken);
    }

    /// <summary>Waits for the runner to start; a cancel ends the wait at once (the caller's <c>using</c> then ends the runner).</summary>
    private async Task WaitReadyAsync(RunnerProcess runner, CancellationToken cancellationToken)
    {
        try
        {
            await runner.Ready.WaitAsync(Options.StartTimeout, cancellationToken);
        }
        catch (TimeoutException)
        {
            runner.Kill();
            throw new SandboxUnavailableException($"The model runner did not start within {Options.StartTimeout.TotalSeconds:0} s: {runner.Errors}");
        }
    }

    private static SandboxReply Classify(RunnerProcess runner, SandboxRequest request, StopState stop, bool cgroupKilled, CancellationToken cancellationToken)
    {
        var reply = ReadReply(request.ReplyPath);
        if (stop.ForMemory || cgroupKilled || reply?.Outcome == SandboxOutcome.OutOfMemory)
        {
            var what = request.Command == SandboxCommand.Check ? "an upload check" : "a run";
            throw new ModelRunFailedException(ModelRunFailure.MemoryLimit,
                $"The model needed more memory than {what} may use: more than {FormatBytes(request.MemoryLimitBytes)}.", reply?.Detail ?? runner.Errors, reply?.FailedAtImage);
        }

        if (stop.Requested || reply?.Outcome == SandboxOutcome.Stopped)
        {
            cancellationToken.ThrowIfCancellationRequested();
            throw new OperationCanceledException("The model runner was stopped.");
        }

        var exitCode = runner.Process.ExitCode;
        switch (reply?.Outcome)
        {
            case SandboxOutcome.Succeeded when exitCode == 0:
                return reply;
            case SandboxOutcome.Refused:
                throw new ModelRunFailedException(ModelRunFailure.Refused, reply.Message ?? "The model was refused.", reply.Detail);
            case SandboxOutcome.ModelFailed:
                throw new ModelRunFailedException(ModelRunFailure.Failed, reply.Message ?? OnnxRuntimeErrors.RunFailure(null), reply.Detail, reply.FailedAtImage);
            default:
                var how = ExitDescription(exitCode);
                throw new ModelRunFailedException(ModelRunFailure.Crashed,
                    $"The model stopped the runner unexpectedly ({how}) before it finished. Check that it runs with onnxruntime in Python.",
                    $"Runner {how}; standard error: {runner.Errors}");
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
    private async Task StopAsync(RunnerProcess runner, StopState stop)
    {
        stop.Requested = true;
        await runner.SendAsync(SandboxProtocol.Cancel);
        try
        {
            await runner.Process.WaitForExitAsync(CancellationToken.None).WaitAsync(Options.StopGrace);
        }
        catch (TimeoutException)
        {
            runner.Kill();
        }
        catch (InvalidOperationException)
        {
            // Disposed: it has ended.
        }
    }

    private async Task WatchMemoryAsync(RunnerProcess runner, long limitBytes, StopState stop, CancellationToken cancellationToken)
    {
        using var timer = new PeriodicTimer(Options.MemoryPollInterval);
        try
        {
            while (await timer.WaitForNextTickAsync(cancellationToken))
            {
                if (ProcessMemory.Of(runner.Process.Id)?.ResidentBytes > limitBytes)
                {
                    stop.ForMemory = true;
                    runner.Kill();
                    return;
                }
            }
        }
        catch (OperationCanceledException)
        {
            // The runner has ended.
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
