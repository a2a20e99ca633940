using Portal.Inference.Cache;
using Portal.Inference.Onnx;
using Portal.Inference.Preprocessing;
using Portal.Inference.Tests.Preprocessing;
using Portal.Inference.Tests.Support;
using Portal.Inference.Tta;

namespace Portal.Inference.Tests.Onnx;

public sealed class CachedRunTests : IDisposable
{
    private const int ImageCount = 7;
    private const int Side = 14;
    // 3 images a batch over 7 images: two full batches and a partial one, so slot alternation and the tail are exercised.
    private const int BatchSize = 3;

    // Class 0 likes red, class 1 likes green, class 2 likes blue, class 3 is a constant.
    private static readonly float[] Weights = [1, 0, 0, 0, 0, 1, 0, 0, 0, 0, 1, 0];
    private static readonly float[] Bias = [0, 0, 0, 0.5f];

    private readonly TempFolder _dir = new();

    private static CancellationToken Ct => TestContext.Current.CancellationToken;
    private readonly string[] _paths;
    private readonly PreprocessOptions _options = new() { Width = Side, Height = Side };

    public CachedRunTests()
    {
        // Colours that vary across the image, so every crop, flip and zoom has its own channel means.
        _paths = Enumerable.Range(0, ImageCount).Select(i =>
        {
            var path = _dir.File($"img{i}.png");
            File.WriteAllBytes(path, TestImages.Png(20, 18, (x, y) => ((byte)(x * 12), (byte)(y * 14), (byte)((i * 30) + x + y))));
            return path;
        }).ToArray();
    }

    public void Dispose() => _dir.Dispose();

    [Theory]
    [InlineData("none")]
    [InlineData("ten-crop")]
    [InlineData("multi-scale")]
    [InlineData("d4")]
    public void Run_FromCache_EqualsRunFromPaths(string preset)
    {
        Assert.True(TtaPlan.TryGetViews(preset, Side, Side, out var views, out _));
        using var session = Session(out var runner);
        using var images = new DecodedImageCache(_dir.File("cache")).Open("set", _paths, _options, views, cancellationToken: Ct);

        var fromPaths = ImageSetRunner.Run(runner, EncodedImages.FromFiles(_paths), _options, views, MergeMode.Mean, cancellationToken: Ct);
        var fromCache = ImageSetRunner.Run(runner, images, _options, views, MergeMode.Mean, cancellationToken: Ct);

        Assert.Equal(views.Count, fromCache.PerView.Count);
        for (var v = 0; v < views.Count; v++)
        {
            Assert.Equal(fromPaths.PerView[v], fromCache.PerView[v]);
        }

        Assert.Equal(fromPaths.Merged, fromCache.Merged);
    }

    [Fact]
    public void Run_DoubleBuffered_EqualsEachImageAndViewRunAlone()
    {
        Assert.True(TtaPlan.TryGetViews("five-crop", Side, Side, out var views, out _));
        using var session = Session(out var runner);
        using var images = new DecodedImageCache(_dir.File("cache")).Open("set", _paths, _options, views, cancellationToken: Ct);

        var result = ImageSetRunner.Run(runner, images, _options, views, MergeMode.Mean, cancellationToken: Ct);

        var classes = Bias.Length;
        for (var v = 0; v < views.Count; v++)
        {
            var writer = new ViewWriter(views[v], _options, images.Width, images.Height);
            for (var i = 0; i < ImageCount; i++)
            {
                writer.Write(images.Image(i).Pixels, runner.InputBuffer);
                var alone = runner.Run(1).ToArray();
                Assert.Equal(alone, result.PerView[v].AsSpan(i * classes, classes).ToArray());
            }
        }

        // The views differ, so the per-view results really are per view.
        Assert.NotEqual(result.PerView[0], result.PerView[1]);
    }

    [Fact]
    public void Run_ReportsProgressPerBatch()
    {
        using var session = Session(out var runner);
        using var images = new DecodedImageCache(_dir.File("cache")).Open("set", _paths, _options, [TtaView.Identity], cancellationToken: Ct);
        var reports = new List<int>();

        _ = ImageSetRunner.Run(runner, images, _options, [TtaView.Identity, TtaView.HFlip], MergeMode.Mean, new CallbackProgress<int>(reports.Add), cancellationToken: Ct);

        Assert.Equal([3, 6, 7], reports);
    }

    [Fact]
    public void Run_Cancelled_StopsBetweenBatches()
    {
        using var session = Session(out var runner);
        using var images = new DecodedImageCache(_dir.File("cache")).Open("set", _paths, _options, [TtaView.Identity], cancellationToken: Ct);
        using var cancel = new CancellationTokenSource();
        var reports = new List<int>();
        var progress = new CallbackProgress<int>(done =>
        {
            reports.Add(done);
            cancel.Cancel();
        });

        Assert.ThrowsAny<OperationCanceledException>(() =>
            ImageSetRunner.Run(runner, images, _options, [TtaView.Identity], MergeMode.Mean, progress, cancel.Token));

        Assert.Equal([BatchSize], reports);
    }

    [Fact]
    public void Run_CacheOfAnotherSize_IsRefused()
    {
        Assert.True(TtaPlan.TryGetViews("five-crop", Side, Side, out var crops, out _));
        using var session = Session(out var runner);
        using var inputSized = new DecodedImageCache(_dir.File("cache")).Open("set", _paths, _options, [TtaView.Identity], cancellationToken: Ct);

        var error = Assert.Throws<ArgumentException>(() => ImageSetRunner.Run(runner, inputSized, _options, crops, MergeMode.Mean, cancellationToken: Ct));

        Assert.Contains("16x16", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Run_FromPaths_CorruptImage_FailsWithItsName()
    {
        var paths = _paths.Append(_dir.File("broken.png")).ToArray();
        File.WriteAllBytes(paths[^1], [1, 2, 3]);
        using var session = Session(out var runner);

        var error = Assert.Throws<InvalidDataException>(() => ImageSetRunner.Run(runner, EncodedImages.FromFiles(paths), _options, [TtaView.Identity], MergeMode.Mean, cancellationToken: Ct));

        Assert.Contains("broken.png", error.Message, StringComparison.Ordinal);
    }

    private static LoadedModel Session(out ModelRunner runner)
    {
        var model = LoadedModel.Load(TestModels.ChannelMeanClassifier(Weights, Bias), Bias.Length, ExecutionProviderChoice.Cpu);
        Assert.True(model.Check.Accepted, model.Check.Refusal);
        runner = new ModelRunner(model.Session!, model.Check.Shape!, Side, Side, BatchSize, ownsSession: false);
        return model;
    }
}
