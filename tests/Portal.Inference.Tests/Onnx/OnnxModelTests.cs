using Portal.Inference.Cache;
using Portal.Inference.Onnx;
using Portal.Inference.Preprocessing;
using Portal.Inference.Tests.Preprocessing;
using Portal.Inference.Tta;

namespace Portal.Inference.Tests.Onnx;

public sealed class OnnxModelTests
{
    // Class 0 likes red, class 1 likes green, class 2 likes blue, class 3 is a constant.
    private static readonly float[] Weights = [1, 0, 0, 0, 0, 1, 0, 0, 0, 0, 1, 0];
    private static readonly float[] Bias = [0, 0, 0, 0.5f];

    [Fact]
    public void Load_GarbageBytes_IsRefusedAsNotOnnx()
    {
        using var model = LoadedModel.Load([0xFF, 0x00, 0x13, 0x37, 0x42], 4, ExecutionProviderChoice.Cpu);

        Assert.False(model.Check.Accepted);
        Assert.Contains("not an ONNX model", model.Check.Refusal, StringComparison.Ordinal);
    }

    [Fact]
    public void Load_RankThreeInput_IsRefusedWithTheShape()
    {
        var bytes = TestModels.ChannelMeanClassifier(Weights, Bias, inputShape: [null, 3, 16]);

        using var model = LoadedModel.Load(bytes, 4, ExecutionProviderChoice.Cpu);

        Assert.False(model.Check.Accepted);
        Assert.Contains("must have 4 dimensions", model.Check.Refusal, StringComparison.Ordinal);
    }

    [Fact]
    public void Load_WrongClassCount_SaysBothCounts()
    {
        var bytes = TestModels.ChannelMeanClassifier(Weights, Bias);

        using var model = LoadedModel.Load(bytes, 18, ExecutionProviderChoice.Cpu);

        Assert.False(model.Check.Accepted);
        Assert.Equal("The model gives 4 class scores; this competition has 18 classes.", model.Check.Refusal);
    }

    [Fact]
    public void Load_OldOpset_IsRefused()
    {
        var bytes = TestModels.ChannelMeanClassifier(Weights, Bias, opset: 6);

        using var model = LoadedModel.Load(bytes, 4, ExecutionProviderChoice.Cpu);

        Assert.Contains("opset 6", model.Check.Refusal, StringComparison.Ordinal);
    }

    [Fact]
    public void Load_GoodModel_IsAcceptedWithItsShape()
    {
        var bytes = TestModels.ChannelMeanClassifier(Weights, Bias, inputShape: [null, 3, 8, 8]);

        using var model = LoadedModel.Load(bytes, 4, ExecutionProviderChoice.Cpu);

        Assert.True(model.Check.Accepted, model.Check.Refusal);
        Assert.Equal(new ModelShape("input", "output", null, 8, 8, 4, 13), model.Check.Shape);
        Assert.Equal(ExecutionProviderChoice.Cpu, model.Provider!.Used);
        Assert.Null(model.Check.Shape!.SizeProblem(8, 8));
        Assert.Equal("The model takes 8x8 images, not 16x8.", model.Check.Shape.SizeProblem(16, 8));
    }

    [Theory]
    [InlineData(ExecutionProviderChoice.Cuda)]
    [InlineData(ExecutionProviderChoice.Auto)]
    public void Load_CudaWithoutCuda_FallsBackToCpuAndSaysWhy(ExecutionProviderChoice requested)
    {
        // A machine with CUDA 13 and cuDNN 9 would rightly use CUDA.
        Assert.SkipWhen(CudaLibraries.Usable(SessionFactory.AvailableProviders()), "CUDA is available here.");
        var bytes = TestModels.ChannelMeanClassifier(Weights, Bias);

        using var model = LoadedModel.Load(bytes, 4, requested);

        Assert.True(model.Check.Accepted, model.Check.Refusal);
        Assert.Equal(requested, model.Provider!.Requested);
        Assert.Equal(ExecutionProviderChoice.Cpu, model.Provider.Used);
        Assert.False(string.IsNullOrWhiteSpace(model.Provider.Reason));
        // The GPU package without its libraries names what is missing; a CPU-only build says it has no CUDA provider.
        Assert.Contains(SessionFactory.AvailableProviders().Contains("CUDAExecutionProvider") ? "libcu" : "no CUDA provider", model.Provider.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void Run_SolidColourImages_GiveSoftmaxOfHandComputedScores()
    {
        var options = new PreprocessOptions { Width = 4, Height = 4, Mean = [0, 0, 0], Std = [1, 1, 1] };
        var bytes = TestModels.ChannelMeanClassifier(Weights, Bias);
        using var model = LoadedModel.Load(bytes, 4, ExecutionProviderChoice.Cpu);
        using var runner = new ModelRunner(model.Session!, model.Check.Shape!, 4, 4, batchSize: 2, ownsSession: false);
        var dir = Directory.CreateTempSubdirectory("portal-onnx-");
        try
        {
            // Three images with a batch of 2: the last batch is partial.
            (byte R, byte G, byte B)[] colours = [(255, 0, 0), (0, 255, 0), (0, 0, 51)];
            var paths = colours.Select((c, i) =>
            {
                var path = Path.Combine(dir.FullName, $"{i}.png");
                File.WriteAllBytes(path, TestImages.Png(4, 4, (_, _) => c));
                return path;
            }).ToArray();

            var result = ImageSetRunner.Run(runner, EncodedImages.FromFiles(paths), options, [TtaView.Identity, TtaView.HFlip], MergeMode.Mean,
                cancellationToken: TestContext.Current.CancellationToken);

            for (var i = 0; i < colours.Length; i++)
            {
                float[] scores = [colours[i].R / 255f, colours[i].G / 255f, colours[i].B / 255f, 0.5f];
                ModelRunner.Softmax(scores);
                for (var c = 0; c < 4; c++)
                {
                    Assert.Equal(scores[c], result.Merged[(i * 4) + c], 5);
                    Assert.Equal(scores[c], result.PerView[1][(i * 4) + c], 5);
                }
            }
        }
        finally
        {
            dir.Delete(recursive: true);
        }
    }

    [Fact]
    public void Run_ModelEndingInSoftmax_IsNotSoftmaxedTwice()
    {
        var bytes = TestModels.ChannelMeanClassifier(Weights, Bias, softmax: true);
        using var model = LoadedModel.Load(bytes, 4, ExecutionProviderChoice.Cpu);
        using var runner = new ModelRunner(model.Session!, model.Check.Shape!, 2, 2, batchSize: 1, ownsSession: false);
        runner.InputBuffer.Clear();

        var probabilities = runner.Run(1).ToArray();

        float[] expected = [0, 0, 0, 0.5f];
        ModelRunner.Softmax(expected);
        Assert.Equal(expected[3], probabilities[3], 5);
    }

    [Fact]
    public void AreDistributions_LogitsAndProbabilities_AreToldApart()
    {
        Assert.True(ModelRunner.AreDistributions([0.25f, 0.75f, 1f, 0f], 2));
        Assert.False(ModelRunner.AreDistributions([0.25f, 0.75f, 2f, -1f], 2));
    }
}
