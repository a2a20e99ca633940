using System.Globalization;
using Portal.Inference.Cache;
using Portal.Inference.Onnx;
using Portal.Inference.Preprocessing;
using Portal.Inference.Tta;

namespace Portal.Benchmarks;

/// <summary>
/// What the run benchmarks share: the model, a runner over it, and the benchmark JPEGs decoded into the cache at
/// the input size (built here if missing, then warm: the benchmarks measure runs, not decodes).
/// </summary>
internal sealed class WarmCacheFixture : IDisposable
{
    public WarmCacheFixture(IReadOnlyList<TtaView> views)
    {
        Model = BenchModel.Load();
        Options = new PreprocessOptions { Width = BenchModel.Side, Height = BenchModel.Side, Resize = ResizeMode.Crop };
        Runner = new ModelRunner(Model.Session, Model.Shape, BenchModel.Side, BenchModel.Side, BenchSettings.Batch, ownsSession: false);
        var paths = BenchImages.Ensure(BenchSettings.Images);
        Cache = new DecodedImageCache(BenchPaths.Data("cache"));
        Images = Cache.Open(SetKey(paths.Count), paths, Options, views);
        Console.WriteLine($"// model: {Model.Description}; {Images.Count} images cached at {Images.Width}x{Images.Height} in {Images.Path}");
    }

    public BenchModel Model { get; }

    public PreprocessOptions Options { get; }

    public ModelRunner Runner { get; }

    public DecodedImageCache Cache { get; }

    public DecodedImages Images { get; }

    /// <summary>The benchmark images are generated and never change, so their count identifies them.</summary>
    public static string SetKey(int count) => string.Create(CultureInfo.InvariantCulture, $"bench {BenchImages.Folder} first {count}");

    public void Dispose()
    {
        Images.Dispose();
        Runner.Dispose();
        Model.Dispose();
    }
}
