using System.Globalization;
using Portal.Cli.Tests.Support;
using Portal.Inference.Tests.Onnx;
using Portal.Inference.Tests.Preprocessing;

namespace Portal.Cli.Tests;

/// <summary><c>portal infer --mask --gender --age</c>: three single-head models combined into the 18 classes by the product of their probabilities.</summary>
public sealed class InferHeadsCommandTests : IDisposable
{
    // Each head is a linear layer over the channel means (r, g, b in [0,1] with mean 0 and std 1):
    // mask scores (r, g, b); gender scores (r, 0); age scores (0, 0, b).
    private static readonly float[] MaskWeights = [1, 0, 0, 0, 1, 0, 0, 0, 1];
    private static readonly float[] GenderWeights = [1, 0, 0, 0, 0, 0];
    private static readonly float[] AgeWeights = [0, 0, 0, 0, 0, 0, 0, 0, 1];

    // No row of any head is a distribution by chance (such a head would not be softmaxed).
    private static readonly (byte R, byte G, byte B)[] Colours = [(204, 102, 51), (51, 204, 102), (102, 51, 204)];

    private readonly TempDirectory _dir = new();
    private readonly string _images;
    private readonly string _mask;
    private readonly string _gender;
    private readonly string _age;

    public InferHeadsCommandTests()
    {
        _images = Directory.CreateDirectory(_dir.File("images")).FullName;
        for (var i = 0; i < Colours.Length; i++)
        {
            var colour = Colours[i];
            File.WriteAllBytes(Path.Combine(_images, $"img{i}.png"), TestImages.Png(6, 4, (_, _) => colour));
        }

        _mask = Model("mask.onnx", MaskWeights, [0, 0, 0]);
        _gender = Model("gender.onnx", GenderWeights, [0, 0]);
        _age = Model("age.onnx", AgeWeights, [0, 0, 0]);
    }

    public void Dispose() => _dir.Dispose();

    [Fact]
    public void Infer_ThreeHeadModels_WritesTheProductOfTheHeadsSoftmaxes()
    {
        // Arrange: a batch of 2 over three images, so the last batch is partial.
        var outPath = _dir.File("probs.csv");

        // Act
        var result = PortalCli.Run("infer", "--mask", _mask, "--gender", _gender, "--age", _age, "--images", _images, "--size", "4x4",
            "--mean", "0,0,0", "--std", "1,1,1", "--batch", "2", "--provider", "cpu", "--out", outPath);

        // Assert
        Assert.Equal(0, result.ExitCode);
        Assert.Contains("3 images (1 view, 18 classes, 3 head models combined)", result.Stdout, StringComparison.Ordinal);
        var rows = Rows(outPath);
        Assert.Equal(3, rows.Count);
        for (var i = 0; i < Colours.Length; i++)
        {
            double r = Colours[i].R / 255.0, g = Colours[i].G / 255.0, b = Colours[i].B / 255.0;
            var mask = Softmax(r, g, b);
            var gender = Softmax(r, 0);
            var age = Softmax(0, 0, b);
            Assert.Equal($"img{i}.png", rows[i].Id);
            for (var c = 0; c < 18; c++)
            {
                // class = mask*6 + gender*3 + age
                Assert.Equal(mask[c / 6] * gender[c / 3 % 2] * age[c % 3], rows[i].Probabilities[c], 5);
            }
        }
    }

    [Fact]
    public void Infer_ThreeHeadModelsWithTta_EqualTheOneModelWithThreeHeadOutputs()
    {
        // Arrange: the same heads as one model with three outputs, which the runner combines itself.
        var together = _dir.File("together.onnx");
        File.WriteAllBytes(together, TestModels.ChannelMeanHeads([("mask", MaskWeights, [0, 0, 0]), ("gender", GenderWeights, [0, 0]), ("age", AgeWeights, [0, 0, 0])]));
        string[] common = ["--images", _images, "--size", "4x4", "--mean", "0,0,0", "--std", "1,1,1", "--tta", "flip", "--provider", "cpu"];

        // Act
        var separate = PortalCli.Run(["infer", "--age", _age, "--mask", _mask, "--gender", _gender, .. common, "--out", _dir.File("separate.csv")]);
        var combined = PortalCli.Run(["infer", "--model", together, .. common, "--out", _dir.File("combined.csv")]);

        // Assert: solid images look the same in every view, so merging before or after combining the heads agrees.
        Assert.Equal(0, separate.ExitCode);
        Assert.Equal(0, combined.ExitCode);
        var a = Rows(_dir.File("separate.csv"));
        var b = Rows(_dir.File("combined.csv"));
        for (var i = 0; i < a.Count; i++)
        {
            for (var c = 0; c < 18; c++)
            {
                Assert.Equal(b[i].Probabilities[c], a[i].Probabilities[c], 5);
            }
        }
    }

    [Fact]
    public void Infer_ModelTogetherWithMask_ExitsTwoSayingGiveOneOrTheOther()
    {
        // Act
        var result = PortalCli.Run("infer", "--model", _mask, "--mask", _mask, "--images", _images, "--size", "4x4", "--out", _dir.File("probs.csv"));

        // Assert
        Assert.Equal(2, result.ExitCode);
        Assert.Contains("Give either --model (one model of every class) or --mask, --gender, --age (one model per head), not both; you gave --model and --mask.",
            result.Stderr, StringComparison.Ordinal);
    }

    [Fact]
    public void Infer_GenderHeadWithThreeOutputs_ExitsTwoNamingTheFileAndTheWidthItNeeds()
    {
        // Act: the mask model given as the gender head.
        var result = PortalCli.Run("infer", "--mask", _mask, "--gender", _mask, "--age", _age, "--images", _images, "--size", "4x4", "--out", _dir.File("probs.csv"));

        // Assert
        Assert.Equal(2, result.ExitCode);
        Assert.Contains($"The gender head '{_mask}' was refused: The model gives 3 scores per image; the gender head has 2 values, so it must have one output [N, 2].",
            result.Stderr, StringComparison.Ordinal);
        Assert.False(File.Exists(_dir.File("probs.csv")));
    }

    [Fact]
    public void Infer_AgeHeadMissing_ExitsTwoNamingIt()
    {
        // Act
        var result = PortalCli.Run("infer", "--mask", _mask, "--gender", _gender, "--images", _images, "--size", "4x4", "--out", _dir.File("probs.csv"));

        // Assert
        Assert.Equal(2, result.ExitCode);
        Assert.Contains("Give all three head models (--mask, --gender, --age) to combine them into the classes; --age is missing.", result.Stderr, StringComparison.Ordinal);
    }

    [Fact]
    public void Infer_HeadsWithClasses_ExitsTwoSayingTheHeadsAreTheMaskTasks()
    {
        // Act
        var result = PortalCli.Run("infer", "--mask", _mask, "--gender", _gender, "--age", _age, "--classes", "18", "--images", _images, "--size", "4x4",
            "--out", _dir.File("probs.csv"));

        // Assert
        Assert.Equal(2, result.ExitCode);
        Assert.Contains("are the heads of the 18 mask x gender x age classes; leave out --classes", result.Stderr, StringComparison.Ordinal);
    }

    [Fact]
    public void Infer_NoModelAtAll_ExitsTwoSayingWhatToGive()
    {
        // Act
        var result = PortalCli.Run("infer", "--images", _images, "--size", "4x4", "--out", _dir.File("probs.csv"));

        // Assert
        Assert.Equal(2, result.ExitCode);
        Assert.Contains("Give the model to run: --model m.onnx, or one model per head with --mask, --gender, --age.", result.Stderr, StringComparison.Ordinal);
    }

    [Fact]
    public void Infer_HeadFileMissing_ExitsTwoNamingTheOption()
    {
        // Act
        var result = PortalCli.Run("infer", "--mask", _mask, "--gender", _dir.File("nowhere.onnx"), "--age", _age, "--images", _images, "--size", "4x4",
            "--out", _dir.File("probs.csv"));

        // Assert
        Assert.Equal(2, result.ExitCode);
        Assert.Contains("nowhere.onnx", result.Stderr, StringComparison.Ordinal);
        Assert.Contains("The gender head file", result.Stderr, StringComparison.Ordinal);
    }

    private string Model(string name, float[] weights, float[] bias)
    {
        var path = _dir.File(name);
        File.WriteAllBytes(path, TestModels.ChannelMeanClassifier(weights, bias));
        return path;
    }

    private static double[] Softmax(params double[] logits)
    {
        var e = logits.Select(Math.Exp).ToArray();
        var sum = e.Sum();
        return e.Select(v => v / sum).ToArray();
    }

    private static List<(string Id, double[] Probabilities)> Rows(string path)
    {
        var lines = File.ReadAllLines(path);
        Assert.Equal("ImageID," + string.Join(",", Enumerable.Range(0, 18)), lines[0]);
        return lines.Skip(1).Select(l => l.Split(','))
            .Select(p => (p[0], p[1..].Select(v => double.Parse(v, CultureInfo.InvariantCulture)).ToArray())).ToList();
    }
}
