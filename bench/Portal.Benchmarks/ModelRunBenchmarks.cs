using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Engines;
using Microsoft.ML.OnnxRuntime;
using Portal.Inference.Onnx;
using Portal.Inference.Tta;

namespace Portal.Benchmarks;

/// <summary>
/// (a) The warm-cache runner against bare <c>InferenceSession.Run</c> over the same batches, already normalised
/// into tensors: the runner's overhead (reading the mapped cache, normalising, softmax, copying results) should be
/// hidden by double buffering, so its time should be at most 1.11 x the bare one (at least 90% of its throughput).
/// Sizes: PORTAL_BENCH_IMAGES (default 512), PORTAL_BENCH_BATCH (32); model: PORTAL_BENCH_MODEL.
/// </summary>
// Each operation runs hundreds of images through a real network (seconds on a CPU): a few measured runs say
// enough, where BenchmarkDotNet's default would spend many minutes per case.
[SimpleJob(RunStrategy.Monitoring, launchCount: 1, warmupCount: 2, iterationCount: 10)]
[MemoryDiagnoser]
public class ModelRunBenchmarks : IDisposable
{
    private static readonly TtaView[] OneView = [TtaView.Identity];

    private WarmCacheFixture _fixture = null!;
    private readonly List<OrtValue> _inputs = [];
    private readonly List<float[]> _inputBuffers = [];
    private OrtValue _output = null!;
    private RunOptions _runOptions = null!;
    private string[] _inputNames = [];
    private string[] _outputNames = [];

    [GlobalSetup]
    public void Setup()
    {
        _fixture = new WarmCacheFixture(OneView);
        var images = _fixture.Images;
        var batch = BenchSettings.Batch;
        var writer = new ViewWriter(TtaView.Identity, _fixture.Options, images.Width, images.Height);
        var pixels = new byte[batch * images.ImageBytes];
        for (var first = 0; first < images.Count; first += batch)
        {
            images.Read(first, batch, pixels);
            var tensor = new float[batch * writer.ImageLength];
            for (var i = 0; i < batch; i++)
            {
                writer.Write(pixels.AsSpan(i * images.ImageBytes, images.ImageBytes), tensor.AsSpan(i * writer.ImageLength, writer.ImageLength));
            }

            _inputBuffers.Add(tensor);
            _inputs.Add(OrtValue.CreateTensorValueFromMemory(tensor, [batch, 3, BenchModel.Side, BenchModel.Side]));
        }

        _output = OrtValue.CreateTensorValueFromMemory(new float[batch * _fixture.Model.Shape.Classes], [batch, _fixture.Model.Shape.Classes]);
        _runOptions = new RunOptions();
        _inputNames = [_fixture.Model.Shape.InputName];
        _outputNames = [_fixture.Model.Shape.OutputName];
    }

    [GlobalCleanup]
    public void Dispose()
    {
        _inputs.ForEach(v => v.Dispose());
        _inputs.Clear();
        _output?.Dispose();
        _runOptions?.Dispose();
        _fixture?.Dispose();
        GC.SuppressFinalize(this);
    }

    /// <summary>The ceiling: the session alone over tensors built beforehand.</summary>
    [Benchmark(Baseline = true)]
    public void BareSessionRun()
    {
        foreach (var input in _inputs)
        {
            _fixture.Model.Session.Run(_runOptions, _inputNames, [input], _outputNames, [_output]);
        }
    }

    /// <summary>The product path: the runner over the warm cache, one view.</summary>
    [Benchmark]
    public float[] WarmCacheRunner() =>
        ImageSetRunner.Run(_fixture.Runner, _fixture.Images, _fixture.Options, OneView, MergeMode.Mean).Merged;
}
