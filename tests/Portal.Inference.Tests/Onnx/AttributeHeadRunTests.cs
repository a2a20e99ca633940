using Portal.Core.Competitions;
using Portal.Inference.Onnx;
using Portal.Inference.Preprocessing;
using Portal.Inference.Tests.Preprocessing;
using Portal.Inference.Tta;

namespace Portal.Inference.Tests.Onnx;

/// <summary>A model with mask, gender and age heads runs through the one load-and-run sequence and gives the 18 classes.</summary>
public sealed class AttributeHeadRunTests
{
    // mask scores (r, g, b); gender scores (r, 0); age scores (0, 0, b): logits of the channel means.
    private static readonly (string, float[], float[])[] Heads =
    [
        ("mask", [1, 0, 0, 0, 1, 0, 0, 0, 1], [0, 0, 0]),
        ("gender", [1, 0, 0, 0, 0, 0], [0, 0]),
        ("age", [0, 0, 0, 0, 0, 0, 0, 0, 1], [0, 0, 0]),
    ];

    [Fact]
    public void Run_ThreeHeadModel_GivesTheProductOfTheHeadsSoftmaxes()
    {
        // Arrange: three images with a batch of 2, so the last batch is partial.
        var options = new PreprocessOptions { Width = 4, Height = 4, Mean = [0, 0, 0], Std = [1, 1, 1] };
        using var model = LoadedModel.Load(TestModels.ChannelMeanHeads(Heads), 18, ExecutionProviderChoice.Cpu, heads: AttributeHeads.Of(ClassTaxonomy.MaskGenderAge));
        Assert.True(model.Check.Accepted, model.Check.Refusal);
        // No row of any head is a distribution by chance (a head whose rows all are would not be softmaxed).
        (byte R, byte G, byte B)[] colours = [(204, 102, 51), (51, 204, 102), (102, 51, 204)];
        var dir = Directory.CreateTempSubdirectory("portal-heads-");
        try
        {
            var paths = colours.Select((c, i) =>
            {
                var path = Path.Combine(dir.FullName, $"{i}.png");
                File.WriteAllBytes(path, TestImages.Png(4, 4, (_, _) => c));
                return path;
            }).ToArray();

            // Act
            var result = ImageSetRunner.Run(model, batchSize: 2, ImageSource.FromFiles(paths), options, [TtaView.Identity], MergeMode.Mean,
                cancellationToken: TestContext.Current.CancellationToken);

            // Assert
            for (var i = 0; i < colours.Length; i++)
            {
                float r = colours[i].R / 255f, g = colours[i].G / 255f, b = colours[i].B / 255f;
                float[] mask = [r, g, b], gender = [r, 0], age = [0, 0, b];
                ModelRunner.Softmax(mask);
                ModelRunner.Softmax(gender);
                ModelRunner.Softmax(age);
                for (var c = 0; c < 18; c++)
                {
                    Assert.Equal(mask[c / 6] * gender[c / 3 % 2] * age[c % 3], result.Merged[(i * 18) + c], 5);
                }
            }
        }
        finally
        {
            dir.Delete(recursive: true);
        }
    }

    [Fact]
    public void Load_HeadsInTheWrongOrder_IsRefusedNamingTheExpectedHeads()
    {
        // Arrange: age before gender.
        var bytes = TestModels.ChannelMeanHeads([Heads[0], Heads[2], Heads[1]]);

        // Act
        using var model = LoadedModel.Load(bytes, 18, ExecutionProviderChoice.Cpu, heads: AttributeHeads.Of(ClassTaxonomy.MaskGenderAge));

        // Assert
        Assert.False(model.Check.Accepted);
        Assert.Contains("mask [N,3], gender [N,2], age [N,3]", model.Check.Refusal, StringComparison.Ordinal);
    }

    [Fact]
    public void Load_ThreeHeadsWithoutAxes_IsRefusedAsOneOutputOnly()
    {
        // Act: a competition without attribute axes takes one output of class scores only.
        using var model = LoadedModel.Load(TestModels.ChannelMeanHeads(Heads), 18, ExecutionProviderChoice.Cpu);

        // Assert
        Assert.False(model.Check.Accepted);
        Assert.Contains("exactly one output", model.Check.Refusal, StringComparison.Ordinal);
    }
}
