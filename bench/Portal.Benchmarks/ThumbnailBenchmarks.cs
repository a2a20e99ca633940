using BenchmarkDotNet.Attributes;
using Portal.Inference.Synthetic;
using Portal.Inference.Thumbnails;

namespace Portal.Benchmarks;

/// <summary>One 128 px thumbnail of a 384x512 synthetic JPEG: made cold (decode, shrink, encode) against read back from the disk cache.</summary>
[MemoryDiagnoser]
public class ThumbnailBenchmarks
{
    private byte[] _jpeg = [];
    private string _cacheFile = "";

    [GlobalSetup]
    public void Setup()
    {
        var options = SyntheticFaceOptions.Default;
        var item = SyntheticFaceGenerator.Plan(options).First(i => !i.IsPng);
        _jpeg = SyntheticFaceGenerator.Render(item, options);
        _cacheFile = Path.Combine(Path.GetTempPath(), $"portal-thumb-bench-{Environment.ProcessId}.jpg");
        File.WriteAllBytes(_cacheFile, ThumbnailMaker.Make(_jpeg));
    }

    [GlobalCleanup]
    public void Cleanup() => File.Delete(_cacheFile);

    /// <summary>The first request for an image: decode the 384x512 JPEG, shrink to 128 px, encode at quality 80.</summary>
    [Benchmark(Baseline = true)]
    public byte[] ThumbnailCold() => ThumbnailMaker.Make(_jpeg);

    /// <summary>Every later request: the cached file read from disk (page cache warm).</summary>
    [Benchmark]
    public byte[] ThumbnailCachedRead() => File.ReadAllBytes(_cacheFile);
}
