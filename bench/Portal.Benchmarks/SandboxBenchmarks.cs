using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Engines;
using Portal.Inference.Onnx;
using Portal.Inference.Sandbox;
using Portal.Inference.Tta;

namespace Portal.Benchmarks;

/// <summary>
/// What running a participant's model in the sandboxed child process costs (issue 9 target: under 0.5 s added per
/// run, the decoded-image cache shared, not copied). Baseline: the model loaded and run in this process over the
/// same warm cache, as the worker did before; then the same through <see cref="ModelSandbox"/> (a process start,
/// the model written and loaded there, the probabilities read back). The upload check likewise: an in-process
/// load against a load in the sandbox. Sizes: PORTAL_BENCH_IMAGES (default 512); model: PORTAL_BENCH_MODEL.
/// </summary>
[SimpleJob(RunStrategy.Monitoring, launchCount: 1, warmupCount: 2, iterationCount: 10)]
public class SandboxBenchmarks : IDisposable
{
    private static readonly TtaView[] OneView = [TtaView.Identity];

    private WarmCacheFixture _fixture = null!;
    private ModelSandbox _sandbox = null!;
    private SandboxRun _run = null!;
    private string _work = "";

    [GlobalSetup]
    public void Setup()
    {
        _fixture = new WarmCacheFixture(OneView);
        _work = BenchPaths.Data("sandbox-runs");
        _sandbox = new ModelSandbox(new SandboxOptions { WorkFolder = _work });
        _run = new SandboxRun(_fixture.Images.Path, _fixture.Images.Count, _fixture.Model.Shape.Classes, _fixture.Options, "none", "mean",
            ExecutionProviderChoice.Cpu, BenchSettings.Batch, IntraOpThreads: 0);
    }

    [GlobalCleanup]
    public void Dispose()
    {
        _fixture?.Dispose();
        GC.SuppressFinalize(this);
    }

    /// <summary>Before: load the model and run it over the cache inside the worker.</summary>
    [Benchmark(Baseline = true)]
    public float[] RunInProcess()
    {
        using var loaded = LoadedModel.Load(_fixture.Model.Bytes, _fixture.Model.Shape.Classes, ExecutionProviderChoice.Cpu);
        using var runner = new ModelRunner(loaded.Session!, loaded.Check.Shape!, BenchModel.Side, BenchModel.Side, BenchSettings.Batch, ownsSession: false);
        return ImageSetRunner.Run(runner, _fixture.Images, _fixture.Options, OneView, MergeMode.Mean).Merged;
    }

    /// <summary>Now: the same run in the sandboxed runner process.</summary>
    [Benchmark]
    public float[] RunInSandbox() => _sandbox.RunAsync(_fixture.Model.Bytes, _run, null).GetAwaiter().GetResult().Merged;

    /// <summary>Before: the upload check, a load in the web process.</summary>
    [Benchmark]
    public ModelShape? CheckInProcess()
    {
        using var loaded = LoadedModel.Load(_fixture.Model.Bytes, _fixture.Model.Shape.Classes, ExecutionProviderChoice.Cpu);
        return loaded.Check.Shape;
    }

    /// <summary>Now: the upload check in the sandboxed runner.</summary>
    [Benchmark]
    public ModelShape CheckInSandbox() => _sandbox.CheckAsync(_fixture.Model.Bytes, _fixture.Model.Shape.Classes).GetAwaiter().GetResult();
}
