using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Engines;
using Portal.Inference.Onnx;
using Portal.Inference.Tta;

namespace Portal.Benchmarks;

/// <summary>
/// (b) k views over a warm cache (the first k of d4). Each view is one more model pass over the same cached
/// pixels, so time(k) / time(1) should stay at or under 1.1 x k: views must not add decoding or a second
/// preprocessing pass. Sizes as <see cref="ModelRunBenchmarks"/>.
/// </summary>
// Each operation runs hundreds of images through a real network (seconds on a CPU): a few measured runs say
// enough, where BenchmarkDotNet's default would spend many minutes per case.
[SimpleJob(RunStrategy.Monitoring, launchCount: 1, warmupCount: 2, iterationCount: 10)]
[MemoryDiagnoser]
public class TtaViewCountBenchmarks : IDisposable
{
    private WarmCacheFixture _fixture = null!;
    private TtaView[] _views = [];

    [Params(1, 2, 8)]
    public int Views { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        if (!TtaPlan.TryGetViews("d4", BenchModel.Side, BenchModel.Side, out var d4, out var problem))
        {
            throw new InvalidOperationException(problem);
        }

        _views = [.. d4.Take(Views)];
        _fixture = new WarmCacheFixture(_views);
    }

    [GlobalCleanup]
    public void Dispose()
    {
        _fixture?.Dispose();
        GC.SuppressFinalize(this);
    }

    [Benchmark]
    public float[] WarmCacheRunner() =>
        ImageSetRunner.Run(_fixture.Runner, _fixture.Images, _fixture.Options, _views, MergeMode.Mean).Merged;
}
