using static Portal.Inference.Tests.Onnx.ProtoWriter;

namespace Portal.Inference.Tests.Onnx;

/// <summary>
/// Tiny ONNX models written byte by byte: <c>GlobalAveragePool -> Flatten -> MatMul(W) -> Add(b)</c>, so the
/// expected scores of an image are its per-channel means times W plus b.
/// </summary>
internal static class TestModels
{
    /// <summary>A linear classifier over channel means: W is <c>[channels, classes]</c> row-major, b has one bias per class.</summary>
    /// <param name="inputShape">The input's dimensions; null entries are symbolic (dynamic).</param>
    public static byte[] ChannelMeanClassifier(float[] weights, float[] bias, int?[]? inputShape = null, int opset = 13, bool softmax = false)
    {
        var classes = bias.Length;
        var channels = weights.Length / classes;
        inputShape ??= [null, channels, null, null];
        var graph = new ProtoWriter()
            .Message(1, Node("GlobalAveragePool", ["input"], ["pooled"]))
            .Message(1, Node("Flatten", ["pooled"], ["features"]))
            .Message(1, Node("MatMul", ["features", "W"], ["scores"]))
            .Message(1, Node("Add", ["scores", "b"], softmax ? ["logits"] : ["output"]));
        if (softmax)
        {
            graph.Message(1, Node("Softmax", ["logits"], ["output"]));
        }

        graph.String(2, "test")
            .Message(5, ProtoWriter.FloatTensor("W", [channels, classes], weights))
            .Message(5, ProtoWriter.FloatTensor("b", [classes], bias))
            .Message(11, ProtoWriter.FloatValueInfo("input", inputShape))
            .Message(12, ProtoWriter.FloatValueInfo("output", [null, classes]));
        return new ProtoWriter()
            .Varint(1, 8)
            .String(2, "Portal.Inference.Tests")
            .Message(7, graph)
            .Message(8, new ProtoWriter().String(1, "").Varint(2, opset))
            .ToArray();
    }

    /// <summary>
    /// A model with one output per attribute head, each a linear layer over the channel means: head <c>Name</c> has
    /// W <c>[3, size]</c> row-major and one bias per value (size = the bias's length).
    /// </summary>
    public static byte[] ChannelMeanHeads(IReadOnlyList<(string Name, float[] Weights, float[] Bias)> heads)
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
        foreach (var (name, weights, bias) in heads)
        {
            graph.Message(5, ProtoWriter.FloatTensor($"W_{name}", [3, bias.Length], weights))
                .Message(5, ProtoWriter.FloatTensor($"b_{name}", [bias.Length], bias));
        }

        graph.Message(11, ProtoWriter.FloatValueInfo("input", [null, 3, null, null]));
        foreach (var (name, _, bias) in heads)
        {
            graph.Message(12, ProtoWriter.FloatValueInfo(name, [null, bias.Length]));
        }

        return new ProtoWriter()
            .Varint(1, 8)
            .String(2, "Portal.Inference.Tests")
            .Message(7, graph)
            .Message(8, new ProtoWriter().String(1, "").Varint(2, 13))
            .ToArray();
    }

    /// <summary>
    /// A small convolutional classifier for benchmarks when no exported model is at hand: three 3x3 convolutions
    /// with stride 2 and ReLU (3 -> 16 -> 32 -> 64 channels), global average pooling and a linear layer, weights
    /// drawn from <paramref name="seed"/> (He scaling, so activations neither vanish nor blow up). About 35 million
    /// multiply-adds per 224x224 image, some 50 times fewer than ResNet-18, so preprocessing weighs more here.
    /// </summary>
    public static byte[] SmallConvNet(int classes, int height, int width, int seed = 1)
    {
        int[] channels = [3, 16, 32, 64];
        var random = new Random(seed);
        var graph = new ProtoWriter();
        var input = "input";
        for (var layer = 1; layer < channels.Length; layer++)
        {
            var conv = $"conv{layer}";
            graph.Message(1, Node("Conv", [input, $"{conv}.w", $"{conv}.b"], [conv])
                .Message(5, Ints("kernel_shape", [3, 3]))
                .Message(5, Ints("strides", [2, 2]))
                .Message(5, Ints("pads", [1, 1, 1, 1])));
            graph.Message(1, Node("Relu", [conv], [$"relu{layer}"]));
            input = $"relu{layer}";
        }

        graph.Message(1, Node("GlobalAveragePool", [input], ["pooled"]))
            .Message(1, Node("Flatten", ["pooled"], ["features"]))
            .Message(1, Node("MatMul", ["features", "fc.w"], ["scores"]))
            .Message(1, Node("Add", ["scores", "fc.b"], ["output"]))
            .String(2, "bench");
        for (var layer = 1; layer < channels.Length; layer++)
        {
            int inputs = channels[layer - 1], outputs = channels[layer];
            var fanIn = inputs * 9;
            graph.Message(5, ProtoWriter.FloatTensor($"conv{layer}.w", [outputs, inputs, 3, 3], Draw(random, outputs * fanIn, Math.Sqrt(2.0 / fanIn))))
                .Message(5, ProtoWriter.FloatTensor($"conv{layer}.b", [outputs], new float[outputs]));
        }

        var features = channels[^1];
        graph.Message(5, ProtoWriter.FloatTensor("fc.w", [features, classes], Draw(random, features * classes, Math.Sqrt(1.0 / features))))
            .Message(5, ProtoWriter.FloatTensor("fc.b", [classes], new float[classes]))
            .Message(11, ProtoWriter.FloatValueInfo("input", [null, 3, height, width]))
            .Message(12, ProtoWriter.FloatValueInfo("output", [null, classes]));
        return new ProtoWriter()
            .Varint(1, 8)
            .String(2, "Portal.Inference.Tests")
            .Message(7, graph)
            .Message(8, new ProtoWriter().String(1, "").Varint(2, 13))
            .ToArray();
    }

    private static float[] Draw(Random random, int count, double scale) =>
        [.. Enumerable.Range(0, count).Select(_ => (float)(((random.NextDouble() * 2) - 1) * scale * Math.Sqrt(3)))];

    /// <summary>An AttributeProto of type INTS (7): name, type, then each value.</summary>
    private static ProtoWriter Ints(string name, long[] values)
    {
        const int intsType = 7;
        var attribute = new ProtoWriter().String(1, name);
        foreach (var v in values)
        {
            attribute.Varint(8, v);
        }

        return attribute.Varint(20, intsType);
    }
}
