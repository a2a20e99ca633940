using Portal.Inference.Cache;
using Portal.Inference.Onnx;
using Portal.Inference.Preprocessing;
using Portal.Inference.Tests.Support;
using Portal.Inference.Tta;

namespace Portal.Inference.Tests.Cases;

/// <summary>Case 16: a JPEG cut off mid-copy among whole ones is named, never decoded in part and scored.</summary>
public sealed class TruncatedJpegTests : IDisposable
{
    private const string Case = "16-truncated-jpeg";
    private const string CutOff = "54ee9fd0b5ba2dfdb16660052c1ef611b6a1b338.jpg";
    private static readonly PreprocessOptions Options = new() { Width = 16, Height = 24 };
    private readonly TempFolder _dir = new();

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public void Dispose() => _dir.Dispose();

    [Fact]
    public void Verify_CaseImages_RefusesOnlyTheCutOffOne()
    {
        var paths = CaseFolder.ImagesOf(Case);

        var refused = paths.Where(p => Record.Exception(() => ImageDecoding.Verify(p)) is not null).Select(Path.GetFileName).ToList();
        var e = Assert.Throws<InvalidDataException>(() => ImageDecoding.Verify(CaseFolder.Path(Case, "images", CutOff)));

        Assert.Equal([CutOff], refused);
        Assert.Equal($"'{CutOff}' is cut off: its data ends before the image is complete (an interrupted copy or download?); copy the file again.", e.Message);
    }

    [Fact]
    public void Run_FolderWithTheCutOffJpeg_ThrowsNamingIt()
    {
        using var model = LoadedModel.LoadFile(CaseFolder.Path(Case, "model.onnx"), 18, ExecutionProviderChoice.Cpu);
        using var runner = new ModelRunner(model.Session!, model.Check.Shape!, Options.Height, Options.Width, batchSize: 4, ownsSession: false);

        var e = Assert.Throws<InvalidDataException>(() => ImageSetRunner.Run(runner, EncodedImages.FromFiles(CaseFolder.ImagesOf(Case)), Options, [TtaView.Identity], MergeMode.Mean, cancellationToken: Ct));

        Assert.StartsWith($"'{CutOff}' is cut off", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void CacheOpen_FolderWithTheCutOffJpeg_ThrowsNamingItAndLeavesNoFile()
    {
        var folder = _dir.File("cache");
        var cache = new DecodedImageCache(folder);

        var e = Assert.Throws<InvalidDataException>(() =>
            cache.Open("case 16", CaseFolder.ImagesOf(Case), Options.Width, Options.Height, ResizeMode.Stretch, cancellationToken: Ct));

        Assert.StartsWith($"'{CutOff}' is cut off", e.Message, StringComparison.Ordinal);
        Assert.Empty(Directory.Exists(folder) ? Directory.EnumerateFiles(folder) : []);
    }
}
