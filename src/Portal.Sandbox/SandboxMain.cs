using System.Globalization;
using System.Text.Json;
using Portal.Inference.Onnx;
using Portal.Inference.Sandbox;

namespace Portal.Sandbox;

/// <summary>
/// The runner's protocol (<see cref="SandboxProtocol"/>): say ready, read the request's path, set the limits, do the
/// work on a thread of its own while standard input is watched for a cancel (or its end: the parent died), report
/// progress, write the reply. Exit code 0 means a reply was written, whatever it says.
/// </summary>
internal static class SandboxMain
{
    public static int Run(TextReader input, TextWriter output)
    {
        ResourceLimits.Quieten();
        WarmUp();
        output.WriteLine(SandboxProtocol.Ready);
        output.Flush();
        var requestPath = input.ReadLine();
        if (string.IsNullOrWhiteSpace(requestPath))
        {
            return 3;
        }

        var request = JsonSerializer.Deserialize<SandboxRequest>(File.ReadAllText(requestPath), SandboxProtocol.Json)
                      ?? throw new InvalidDataException("The request is empty.");
        if (!MayUseCuda(request))
        {
            ResourceLimits.LimitAddressSpace(request.MemoryLimitBytes);
        }

        using var stop = new CancellationTokenSource();
        var watcher = new Thread(() => WatchInput(input, stop)) { IsBackground = true, Name = "cancel watcher" };
        watcher.Start();
        var progress = new LineProgress(output);
        var reply = SandboxWork.Execute(request, progress, stop.Token);
        File.WriteAllText(request.ReplyPath, JsonSerializer.Serialize(reply, SandboxProtocol.Json));
        return 0;
    }

    /// <summary>
    /// Loads ONNX Runtime and runs the embedded sample model over one blank image, so the code of a check and a run is
    /// compiled before the request comes: a spare runner does this while it waits, and a run only pays for its model.
    /// </summary>
    private static void WarmUp()
    {
        var sample = Portal.Inference.Samples.SampleModel.ReadBytes();
        using var loaded = LoadedModel.Load(sample, Portal.Inference.Samples.SampleModel.Classes, ExecutionProviderChoice.Cpu, intraOpThreads: 1);
        if (loaded.Check.Shape is { Height: { } height, Width: { } width } shape)
        {
            using var runner = new ModelRunner(loaded.Session!, shape, height, width, batchSize: 1, ownsSession: false);
            _ = runner.Run(1);
        }

        _ = JsonSerializer.Deserialize<SandboxRequest>(JsonSerializer.Serialize(new SandboxRequest
        {
            Command = SandboxCommand.Check, ModelPath = "", ReplyPath = "", ClassCount = 1, MemoryLimitBytes = 1,
        }, SandboxProtocol.Json), SandboxProtocol.Json);
        _ = JsonSerializer.Serialize(new SandboxReply { Outcome = SandboxOutcome.Succeeded }, SandboxProtocol.Json);
    }

    /// <summary>Whether the session may go to CUDA, whose driver reserves more address space than any limit (the cgroup and the parent's watch hold it then).</summary>
    private static bool MayUseCuda(SandboxRequest request) =>
        request.Command == SandboxCommand.Run && request.Provider != ExecutionProviderChoice.Cpu
        && CudaLibraries.Usable(SessionFactory.AvailableProviders());

    private static void WatchInput(TextReader input, CancellationTokenSource stop)
    {
        try
        {
            string? line;
            while ((line = input.ReadLine()) is not null && line != SandboxProtocol.Cancel)
            {
            }
        }
        catch (IOException)
        {
        }

        // A cancel, or the parent is gone: either way nobody wants this run any more.
        stop.Cancel();
    }

    private sealed class LineProgress(TextWriter output) : IProgress<int>
    {
        private readonly Lock _lock = new();

        public void Report(int value)
        {
            lock (_lock)
            {
                output.WriteLine(SandboxProtocol.ProgressLine(value));
                output.Flush();
            }
        }
    }
}
