using Portal.Inference.Tests.Onnx;
using static Portal.Inference.Tests.Onnx.ProtoWriter;

namespace Portal.Web.Tests.Support.Onnx;

/// <summary>
/// Tiny ONNX models written byte by byte (as in the inference tests): a linear classifier over the per-channel means
/// of the input (<c>GlobalAveragePool -> Flatten -> MatMul(W) -> Add(b)</c>), and broken variants for the refusals.
/// </summary>
internal static class TinyModels
{
    /// <summary>A linear classifier over channel means: W is <c>[3, classes]</c> row-major, b has one bias per class.</summary>
    public static byte[] ChannelMeanClassifier(float[] weights, float[] bias, int?[]? inputShape = null, int opset = 13, bool failsAtRunTime = false)
    {
        var classes = bias.Length;
        var channels = weights.Length / classes;
        inputShape ??= [null, channels, null, null];
        var graph = new ProtoWriter()
            .Message(1, Node("GlobalAveragePool", ["input"], ["pooled"]))
            .Message(1, Node("Flatten", ["pooled"], ["features"]))
            .Message(1, Node("MatMul", ["features", "W"], ["scores"]))
            .Message(1, Node("Add", ["scores", "b"], failsAtRunTime ? ["logits"] : ["output"]));
        if (failsAtRunTime)
        {
            // A reshape to a fixed batch of 3: loads and passes every upload check, then fails on any other batch size.
            graph.Message(1, Node("Reshape", ["logits", "shape"], ["output"]));
        }

        graph.String(2, "test")
            .Message(5, ProtoWriter.FloatTensor("W", [channels, classes], weights))
            .Message(5, ProtoWriter.FloatTensor("b", [classes], bias));
        if (failsAtRunTime)
        {
            graph.Message(5, new ProtoWriter().Varint(1, 2).Varint(2, 7).Varint(7, 3).Varint(7, classes).String(8, "shape"));
        }

        graph.Message(11, ProtoWriter.FloatValueInfo("input", inputShape))
            .Message(12, ProtoWriter.FloatValueInfo("output", [null, classes]));
        return new ProtoWriter()
            .Varint(1, 8)
            .String(2, "Portal.Web.Tests")
            .Message(7, graph)
            .Message(8, new ProtoWriter().String(1, "").Varint(2, opset))
            .ToArray();
    }

    /// <summary>
    /// A model that puts each image in one of <paramref name="classes"/> bins by the normalised value x of one channel:
    /// class k scores <c>scale * (k * (x + Shift) - Step * k^2 / 2)</c>, so the best class is <c>round((x + Shift) / Step)</c>.
    /// </summary>
    public static byte[] Binning(int channel, int classes, float scale = 4f)
    {
        var (weights, bias) = BinningWeights(channel, classes, scale);
        return ChannelMeanClassifier(weights, bias);
    }

    /// <summary>
    /// A model with one output per attribute head, each a <see cref="Binning"/> head: output <c>heads[a].Name</c> has
    /// <c>heads[a].Size</c> scores binning channel <c>heads[a].Channel</c> (the mask task: mask 3, gender 2, age 3).
    /// </summary>
    public static byte[] BinningHeads(IReadOnlyList<(string Name, int Channel, int Size)> heads, float scale = 4f)
    {
        var graph = new ProtoWriter()
            .Message(1, Node("GlobalAveragePool", ["input"], ["pooled"]))
            .Message(1, Node("Flatten", ["pooled"], ["features"]));
        foreach (var (name, _, _) in heads)
        {
            graph.Message(1, Node("MatMul", ["features", $"W_{name}"], [$"scores_{name}"]))
                .Message(1, Node("Add", [$"scores_{name}", $"b_{name}"], [name]));
        }

        graph.String(2, "heads");
        foreach (var (name, channel, size) in heads)
        {
            var (weights, bias) = BinningWeights(channel, size, scale);
            graph.Message(5, ProtoWriter.FloatTensor($"W_{name}", [3, size], weights))
                .Message(5, ProtoWriter.FloatTensor($"b_{name}", [size], bias));
        }

        graph.Message(11, ProtoWriter.FloatValueInfo("input", [null, 3, null, null]));
        foreach (var (name, _, size) in heads)
        {
            graph.Message(12, ProtoWriter.FloatValueInfo(name, [null, size]));
        }

        return new ProtoWriter()
            .Varint(1, 8)
            .String(2, "Portal.Web.Tests")
            .Message(7, graph)
            .Message(8, new ProtoWriter().String(1, "").Varint(2, 13))
            .ToArray();
    }

    private static (float[] Weights, float[] Bias) BinningWeights(int channel, int classes, float scale)
    {
        var weights = new float[3 * classes];
        var bias = new float[classes];
        for (var k = 0; k < classes; k++)
        {
            weights[channel * classes + k] = scale * k;
            bias[k] = scale * (k * Shift - Step * k * k / 2);
        }

        return (weights, bias);
    }

    /// <summary>Added to the normalised channel value so that it is positive (the defaults map [0, 255] to about [-2.3, 2.2]).</summary>
    public const float Shift = 2.4f;

    /// <summary>The width of one bin of <see cref="Binning"/>.</summary>
    public const float Step = 0.27f;

    /// <summary>The logits <see cref="Binning"/> gives an image whose normalised channel value is <paramref name="x"/>.</summary>
    public static double[] BinningLogits(double x, int classes, double scale = 4)
    {
        var logits = new double[classes];
        for (var k = 0; k < classes; k++)
        {
            logits[k] = scale * (k * (double)Shift - (double)Step * k * k / 2) + scale * k * x;
        }

        return logits;
    }
}
