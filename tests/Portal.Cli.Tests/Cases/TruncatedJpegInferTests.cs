using Portal.Cli.Tests.Support;

namespace Portal.Cli.Tests.Cases;

/// <summary>Case 16: <c>portal infer</c> over a folder where one JPEG was cut off mid-copy names it and writes nothing.</summary>
public sealed class TruncatedJpegInferTests : IDisposable
{
    private const string Case = "16-truncated-jpeg";
    private const string CutOff = "54ee9fd0b5ba2dfdb16660052c1ef611b6a1b338.jpg";
    private readonly TempDirectory _dir = new();

    public void Dispose() => _dir.Dispose();

    [Fact]
    public async Task Infer_FolderWithACutOffJpeg_ExitsTwoNamingItAndWritesNothing()
    {
        var outPath = _dir.File("probs.csv");

        var result = await PortalProcess.RunAsync(CaseFiles.Path(Case),
            "infer", "--model", "model.onnx", "--images", "images", "--ids", "ids.csv", "--size", "16x24", "--provider", "cpu", "--out", outPath);

        Assert.Equal(2, result.ExitCode);
        Assert.Contains($"'{CutOff}' is cut off: its data ends before the image is complete", result.Stderr, StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", result.Stderr, StringComparison.Ordinal);
        Assert.False(File.Exists(outPath));
    }

    [Fact]
    public void Infer_WithCacheOverAFolderWithACutOffJpeg_ExitsTwoNamingIt()
    {
        var outPath = _dir.File("probs.csv");

        var result = PortalCli.Run("infer", "--model", CaseFiles.Path(Case, "model.onnx"), "--images", CaseFiles.Path(Case, "images"),
            "--size", "16x24", "--provider", "cpu", "--cache", _dir.File("cache"), "--out", outPath);

        Assert.Equal(2, result.ExitCode);
        Assert.Contains($"'{CutOff}' is cut off", result.Stderr, StringComparison.Ordinal);
        Assert.False(File.Exists(outPath));
    }

    [Fact]
    public void Infer_TheWholeImagesOnly_Succeeds()
    {
        var ids = _dir.Write("whole.csv", "ImageID\na675e2600c9f3995782a16ab5056aa9225d7ad3e.jpg\n14b0ef71e33fe996c60d7c76780504ed508ed42b.jpeg\n");

        var result = PortalCli.Run("infer", "--model", CaseFiles.Path(Case, "model.onnx"), "--images", CaseFiles.Path(Case, "images"),
            "--ids", ids, "--size", "16x24", "--provider", "cpu", "--out", _dir.File("probs.csv"));

        Assert.Equal(0, result.ExitCode);
        Assert.Equal(3, File.ReadAllLines(_dir.File("probs.csv")).Length);
    }
}
