using Portal.Inference.Cache;
using Portal.Inference.Onnx;
using Portal.Inference.Preprocessing;
using Portal.Inference.Tta;

namespace Portal.Inference.Tests.Cases;

/// <summary>Case 13: a model whose weights sit in a second file (net.onnx + net.onnx.data), loaded from its path.</summary>
public sealed class ExternalDataModelTests
{
    private const string Case = "13-onnx-external-data";
    private static readonly PreprocessOptions Options = new() { Width = 16, Height = 24 };

    [Fact]
    public void LoadFile_WeightsInASecondFile_FindsThemBesideTheModelAndMatchesTheReference()
    {
        var paths = CaseFolder.ImagesOf(Case);
        var reference = CaseFolder.ReferenceProbabilities(Case);

        using var model = LoadedModel.LoadFile(CaseFolder.Path(Case, "model", "net.onnx"), 18, ExecutionProviderChoice.Cpu);

        Assert.True(model.Check.Accepted, model.Check.Refusal);
        var merged = Run(model, paths);
        for (var i = 0; i < paths.Length; i++)
        {
            var expected = reference[Path.GetFileName(paths[i])];
            for (var c = 0; c < 18; c++)
            {
                Assert.Equal(expected[c], merged[(i * 18) + c], 1e-4);
            }
        }
    }

    [Fact]
    public void LoadFile_OneFileModel_GivesTheSameProbabilitiesAsTheSplitOne()
    {
        var paths = CaseFolder.ImagesOf(Case);
        using var split = LoadedModel.LoadFile(CaseFolder.Path(Case, "model", "net.onnx"), 18, ExecutionProviderChoice.Cpu);
        using var plain = LoadedModel.Load(File.ReadAllBytes(CaseFolder.Path(Case, "plain.onnx")), 18, ExecutionProviderChoice.Cpu);
        using var plainFromFile = LoadedModel.LoadFile(CaseFolder.Path(Case, "plain.onnx"), 18, ExecutionProviderChoice.Cpu);

        var fromSplit = Run(split, paths);
        var fromPlain = Run(plain, paths);
        var fromPlainFile = Run(plainFromFile, paths);

        Assert.Equal(fromPlain, fromSplit);
        Assert.Equal(fromPlain, fromPlainFile);
    }

    [Fact]
    public void LoadFile_NotAnOnnxFile_IsRefusedWithASentence()
    {
        var path = Path.GetTempFileName();
        try
        {
            File.WriteAllBytes(path, [0xFF, 0x00, 0x13, 0x37]);

            using var model = LoadedModel.LoadFile(path, 18, ExecutionProviderChoice.Cpu);

            Assert.False(model.Check.Accepted);
            Assert.Contains("not an ONNX model", model.Check.Refusal, StringComparison.Ordinal);
        }
        finally
        {
            File.Delete(path);
        }
    }

    private static float[] Run(LoadedModel model, string[] paths)
    {
        using var runner = new ModelRunner(model.Session!, model.Check.Shape!, Options.Height, Options.Width, batchSize: 4, ownsSession: false);
        return ImageSetRunner.Run(runner, EncodedImages.FromFiles(paths), Options, [TtaView.Identity], MergeMode.Mean).Merged;
    }
}
