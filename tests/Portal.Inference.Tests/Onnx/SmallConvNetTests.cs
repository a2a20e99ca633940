using Portal.Inference.Onnx;

namespace Portal.Inference.Tests.Onnx;

public sealed class SmallConvNetTests
{
    [Fact]
    public void SmallConvNet_LoadsAndGivesDistributions()
    {
        // The benchmarks' fallback model: it must pass the upload check and run.
        const int classes = 18;
        const int side = 32;
        using var model = LoadedModel.Load(TestModels.SmallConvNet(classes, side, side), classes, ExecutionProviderChoice.Cpu);
        Assert.True(model.Check.Accepted, model.Check.Refusal);
        using var runner = new ModelRunner(model.Session!, model.Check.Shape!, side, side, 2, ownsSession: false);
        runner.InputBuffer.Clear();
        runner.InputBuffer[..(3 * side * side)].Fill(0.5f);

        var scores = runner.Run(2).ToArray();

        Assert.Equal(2 * classes, scores.Length);
        Assert.True(ModelRunner.AreDistributions(scores, classes));
        // A non-zero image and a zero image score differently: the convolutions are wired through.
        Assert.NotEqual(scores[..classes], scores[classes..]);
    }
}
