using BenchmarkDotNet.Attributes;
using Portal.Inference.Tta;

namespace Portal.Benchmarks;

/// <summary>
/// What the runner does per batch besides the model, on one thread: read a batch of 224x224 images out of the warm
/// cache, and write one view of it into float32 NCHW (an index-map view, and a bilinear zoom). Divided by the
/// batch size, this is the per-image preprocessing cost the double buffering has to hide behind the model.
/// </summary>
[MemoryDiagnoser]
public class BatchPreparationBenchmarks : IDisposable
{
    private WarmCacheFixture _fixture = null!;
    private byte[] _pixels = [];
    private float[] _tensor = [];
    private ViewWriter _identity = null!;
    private ViewWriter _rot90 = null!;
    private ViewWriter _zoom = null!;

    [GlobalSetup]
    public void Setup()
    {
        _fixture = new WarmCacheFixture([TtaView.Identity]);
        var images = _fixture.Images;
        _pixels = new byte[BenchSettings.Batch * images.ImageBytes];
        _identity = new ViewWriter(TtaView.Identity, _fixture.Options, images.Width, images.Height);
        _rot90 = new ViewWriter(TtaView.Rot90, _fixture.Options, images.Width, images.Height);
        _zoom = new ViewWriter(TtaView.Zoomed(1.2f), _fixture.Options, images.Width, images.Height);
        _tensor = new float[BenchSettings.Batch * _identity.ImageLength];
        images.Read(0, BenchSettings.Batch, _pixels);
    }

    [GlobalCleanup]
    public void Dispose()
    {
        _fixture?.Dispose();
        GC.SuppressFinalize(this);
    }

    [Benchmark]
    public void ReadBatch() => _fixture.Images.Read(0, BenchSettings.Batch, _pixels);

    [Benchmark(Baseline = true)]
    public void WriteIdentity() => Write(_identity);

    [Benchmark]
    public void WriteRot90() => Write(_rot90);

    [Benchmark]
    public void WriteZoom() => Write(_zoom);

    private void Write(ViewWriter writer)
    {
        var bytes = _fixture.Images.ImageBytes;
        for (var i = 0; i < BenchSettings.Batch; i++)
        {
            writer.Write(_pixels.AsSpan(i * bytes, bytes), _tensor.AsSpan(i * writer.ImageLength, writer.ImageLength));
        }
    }
}
