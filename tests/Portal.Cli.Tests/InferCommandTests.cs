using System.Globalization;
using Portal.Cli.Tests.Support;
using Portal.Inference.Tests.Onnx;
using Portal.Inference.Tests.Preprocessing;

namespace Portal.Cli.Tests;

public sealed class InferCommandTests : IDisposable
{
    // 4 classes over channel means: red, green, blue, a constant.
    private static readonly float[] Weights = [1, 0, 0, 0, 0, 1, 0, 0, 0, 0, 1, 0];
    private static readonly float[] Bias = [0, 0, 0, 0.5f];

    private readonly TempDirectory _dir = new();
    private readonly string _images;
    private readonly string _model;

    public InferCommandTests()
    {
        _images = Directory.CreateDirectory(_dir.File("images")).FullName;
        (byte, byte, byte)[] colours = [(255, 0, 0), (0, 255, 0), (0, 0, 255)];
        for (var i = 0; i < colours.Length; i++)
        {
            File.WriteAllBytes(Path.Combine(_images, $"img{i}.png"), TestImages.Png(8, 6, (_, _) => colours[i]));
        }

        _model = _dir.File("m.onnx");
        File.WriteAllBytes(_model, TestModels.ChannelMeanClassifier(Weights, Bias));
    }

    public void Dispose() => _dir.Dispose();

    [Fact]
    public void Infer_FolderWithTta_WritesOneProbabilityRowPerImage()
    {
        // Arrange
        var outPath = _dir.File("probs.csv");

        // Act
        var result = PortalCli.Run("infer", "--model", _model, "--images", _images, "--size", "4x4", "--classes", "4",
            "--tta", "d4", "--merge", "gmean", "--batch", "2", "--mean", "0,0,0", "--std", "1,1,1", "--provider", "cpu", "--out", outPath);

        // Assert
        Assert.Equal(0, result.ExitCode);
        Assert.Contains("3 images (8 views, 4 classes)", result.Stdout, StringComparison.Ordinal);
        var lines = File.ReadAllLines(outPath);
        Assert.Equal("ImageID,0,1,2,3", lines[0]);
        Assert.Equal(4, lines.Length);
        Assert.StartsWith("img1.png,", lines[2], StringComparison.Ordinal);
        var green = lines[2].Split(',')[1..].Select(v => double.Parse(v, CultureInfo.InvariantCulture)).ToArray();
        // Softmax of (0, 1, 0, 0.5): every view of a solid image is the same.
        var e = new[] { 1, Math.E, 1, Math.Exp(0.5) };
        Assert.Equal(e[1] / e.Sum(), green[1], 4);
    }

    [Fact]
    public void Infer_IdsFile_RunsThoseImagesInThatOrder()
    {
        var ids = _dir.Write("info.csv", "ImageID,ans\nimg2.png,0\nimg0.png,1\n");
        var outPath = _dir.File("probs.csv");

        var result = PortalCli.Run("infer", "--model", _model, "--images", _images, "--ids", ids, "--size", "4x4", "--classes", "4", "--out", outPath);

        Assert.Equal(0, result.ExitCode);
        Assert.Equal(["img2.png", "img0.png"], File.ReadLines(outPath).Skip(1).Select(l => l.Split(',')[0]));
    }

    [Fact]
    public void Infer_CudaWhereAbsent_FallsBackToCpuAndSaysSo()
    {
        var result = PortalCli.Run("infer", "--model", _model, "--images", _images, "--size", "4x4", "--classes", "4",
            "--provider", "cuda", "--out", _dir.File("probs.csv"));

        Assert.Equal(0, result.ExitCode);
        Assert.Contains("Ran on CPU instead of CUDA:", result.Stdout, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("garbage", "4x4", "none", "not an ONNX model")]
    [InlineData("model", "6x4", "d4", "needs a square input size")]
    [InlineData("model", "four", "none", "--size must be width x height")]
    public void Infer_UserMistake_ExitsTwoWithASentence(string model, string size, string tta, string expected)
    {
        var modelPath = model == "garbage" ? _dir.Write("bad.onnx", "this is not a model") : _model;

        var result = PortalCli.Run("infer", "--model", modelPath, "--images", _images, "--size", size, "--classes", "4",
            "--tta", tta, "--out", _dir.File("probs.csv"));

        Assert.Equal(2, result.ExitCode);
        Assert.Contains(expected, result.Stderr, StringComparison.Ordinal);
    }

    [Fact]
    public void Infer_TenCropWithCache_SecondRunReusesTheDecodedImages()
    {
        var cache = _dir.File("cache");
        string[] Args(string outPath) => ["infer", "--model", _model, "--images", _images, "--size", "4x4", "--classes", "4",
            "--tta", "ten-crop", "--provider", "cpu", "--cache", cache, "--out", outPath];

        var first = PortalCli.Run(Args(_dir.File("a.csv")));
        var second = PortalCli.Run(Args(_dir.File("b.csv")));

        Assert.Equal(0, first.ExitCode);
        Assert.Contains("3 images (10 views, 4 classes)", first.Stdout, StringComparison.Ordinal);
        // Crops are windows of the images decoded at 4 / 0.875 = 5 pixels a side.
        Assert.Contains("Decoded 3 images at 5x5", first.Stdout, StringComparison.Ordinal);
        Assert.Contains("Reused the decoded images", second.Stdout, StringComparison.Ordinal);
        Assert.Equal(File.ReadAllText(_dir.File("a.csv")), File.ReadAllText(_dir.File("b.csv")));
    }

    [Fact]
    public void Infer_WrongClassCount_ExitsTwoSayingBothCounts()
    {
        var result = PortalCli.Run("infer", "--model", _model, "--images", _images, "--size", "4x4", "--out", _dir.File("probs.csv"));

        Assert.Equal(2, result.ExitCode);
        Assert.Contains("The model gives 4 class scores; this competition has 18 classes.", result.Stderr, StringComparison.Ordinal);
    }

    [Fact]
    public void Infer_SizeOtherThanTheModels_ExitsTwo()
    {
        var fixedModel = _dir.File("fixed.onnx");
        File.WriteAllBytes(fixedModel, TestModels.ChannelMeanClassifier(Weights, Bias, inputShape: [null, 3, 8, 8]));

        var result = PortalCli.Run("infer", "--model", fixedModel, "--images", _images, "--size", "4x4", "--classes", "4", "--out", _dir.File("probs.csv"));

        Assert.Equal(2, result.ExitCode);
        Assert.Contains("The model takes 8x8 images, not 4x4.", result.Stderr, StringComparison.Ordinal);
    }

    [Fact]
    public void Infer_IdsNamingMissingImages_ListsThem()
    {
        var ids = _dir.Write("info.csv", "ImageID,ans\nimg0.png,0\nghost.jpg,1\n");

        var result = PortalCli.Run("infer", "--model", _model, "--images", _images, "--ids", ids, "--size", "4x4", "--classes", "4", "--out", _dir.File("probs.csv"));

        Assert.Equal(2, result.ExitCode);
        Assert.Contains("ghost.jpg", result.Stderr, StringComparison.Ordinal);
    }
}
