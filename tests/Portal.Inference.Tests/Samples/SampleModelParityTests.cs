using Portal.Inference.Onnx;
using Portal.Inference.Preprocessing;
using Portal.Inference.Samples;

namespace Portal.Inference.Tests.Samples;

public sealed class SampleModelParityTests
{
    [Fact]
    public void Load_SampleModel_PassesTheCheckWith18Classes()
    {
        // Act
        using var model = LoadedModel.Load(SampleModel.ReadBytes(), SampleModel.Classes, ExecutionProviderChoice.Cpu);

        // Assert
        Assert.True(model.Check.Accepted, model.Check.Refusal);
        var shape = model.Check.Shape!;
        Assert.Equal(SampleModel.Classes, shape.Classes);
        Assert.Null(shape.Batch);
        Assert.Equal(SampleModel.Preprocess.Height, shape.Height);
        Assert.Equal(SampleModel.Preprocess.Width, shape.Width);
        Assert.True(shape.Opset >= 13, $"opset {shape.Opset}");
    }

    [Fact]
    public void Run_SampleModelOnReferenceFaces_MatchesPyTorchWithin1e4()
    {
        // Arrange
        var expected = SampleReference.ReadProbabilities();
        var ids = expected.Keys.Order(StringComparer.Ordinal).ToArray();
        using var model = LoadedModel.Load(SampleModel.ReadBytes(), SampleModel.Classes, ExecutionProviderChoice.Cpu);
        var options = SampleModel.Preprocess;
        // A batch smaller than the image count, so both a full and a partial batch are compared.
        using var runner = new ModelRunner(model.Session!, model.Check.Shape!, options.Height, options.Width, batchSize: 5, ownsSession: false);
        var writer = new TensorWriter(options);

        // Act
        var actual = new Dictionary<string, double[]>(StringComparer.Ordinal);
        foreach (var batch in ids.Chunk(runner.BatchSize))
        {
            for (var i = 0; i < batch.Length; i++)
            {
                var image = ImageLoader.Load(Path.Combine(SampleReference.Folder, batch[i]), options);
                writer.Write(image, runner.InputBuffer.Slice(i * runner.ImageLength, runner.ImageLength));
            }

            var probabilities = runner.Run(batch.Length).ToArray();
            for (var i = 0; i < batch.Length; i++)
            {
                actual[batch[i]] = [.. probabilities.AsSpan(i * SampleModel.Classes, SampleModel.Classes).ToArray().Select(p => (double)p)];
            }
        }

        // Assert
        Assert.True(ids.Length >= 6, $"only {ids.Length} reference images");
        var difference = SampleReference.MaxAbsDifference(expected, actual);
        Assert.True(difference <= SampleReference.Tolerance, $"max |Portal - PyTorch| = {difference:E3}");
    }

    [Fact]
    public void Reference_SampleFaces_SpanSeveralPredictedClasses()
    {
        // A parity test over faces that all land in one class would not notice a model that ignores its input.
        var expected = SampleReference.ReadProbabilities();

        var distinctArgmax = expected.Values.Select(ArgMax).Distinct().Count();

        Assert.True(distinctArgmax >= 3, $"PyTorch's reference predicts only {distinctArgmax} distinct classes over {expected.Count} faces");
    }

    private static int ArgMax(double[] row) => Array.IndexOf(row, row.Max());
}
