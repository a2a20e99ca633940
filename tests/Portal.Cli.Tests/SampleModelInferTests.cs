using System.Globalization;
using Portal.Cli.Tests.Support;
using Portal.Inference.Samples;
using Portal.Inference.Tests.Samples;

namespace Portal.Cli.Tests;

public sealed class SampleModelInferTests : IDisposable
{
    private readonly TempDirectory _dir = new();

    public void Dispose() => _dir.Dispose();

    [Fact]
    public void Infer_SampleModelOnReferenceFaces_ReproducesPyTorchWithin1e4()
    {
        // Arrange: the model as a user would have it, a file; the faces as a folder with nothing else in it.
        var model = _dir.File(SampleModel.FileName);
        File.WriteAllBytes(model, SampleModel.ReadBytes());
        var images = Directory.CreateDirectory(_dir.File("faces")).FullName;
        foreach (var png in Directory.EnumerateFiles(SampleReference.Folder, "*.png"))
        {
            File.Copy(png, Path.Combine(images, Path.GetFileName(png)));
        }

        var outPath = _dir.File("probs.csv");
        var size = string.Create(CultureInfo.InvariantCulture, $"{SampleModel.Preprocess.Width}x{SampleModel.Preprocess.Height}");

        // Act: Portal's defaults for everything else (stretch, RGB, the default mean and std) are what it was trained with.
        var result = PortalCli.Run("infer", "--model", model, "--images", images, "--size", size, "--batch", "3", "--provider", "cpu", "--out", outPath);

        // Assert
        Assert.True(result.ExitCode == 0, result.Stderr);
        var difference = SampleReference.MaxAbsDifference(SampleReference.ReadProbabilities(), SampleReference.ReadProbabilities(outPath));
        Assert.True(difference <= SampleReference.Tolerance, $"max |portal infer - PyTorch| = {difference:E3}");
    }
}
