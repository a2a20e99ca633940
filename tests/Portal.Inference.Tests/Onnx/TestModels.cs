namespace Portal.Inference.Tests.Onnx;

/// <summary>
/// Tiny ONNX models written byte by byte: <c>GlobalAveragePool -> Flatten -> MatMul(W) -> Add(b)</c>, so the
/// expected scores of an image are its per-channel means times W plus b.
/// </summary>
internal static class TestModels
{
    private const int FloatType = 1;

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
            .Message(5, Tensor("W", [channels, classes], weights))
            .Message(5, Tensor("b", [classes], bias))
            .Message(11, ValueInfo("input", inputShape))
            .Message(12, ValueInfo("output", [null, classes]));
        return new ProtoWriter()
            .Varint(1, 8)
            .String(2, "Portal.Inference.Tests")
            .Message(7, graph)
            .Message(8, new ProtoWriter().String(1, "").Varint(2, opset))
            .ToArray();
    }

    private static ProtoWriter Node(string op, string[] inputs, string[] outputs)
    {
        var node = new ProtoWriter();
        foreach (var input in inputs)
        {
            node.String(1, input);
        }

        foreach (var output in outputs)
        {
            node.String(2, output);
        }

        return node.String(3, op).String(4, op);
    }

    private static ProtoWriter Tensor(string name, long[] dims, float[] values)
    {
        var tensor = new ProtoWriter();
        foreach (var d in dims)
        {
            tensor.Varint(1, d);
        }

        return tensor.Varint(2, FloatType).PackedFloats(4, values).String(8, name);
    }

    private static ProtoWriter ValueInfo(string name, int?[] shape)
    {
        var dims = new ProtoWriter();
        for (var i = 0; i < shape.Length; i++)
        {
            dims.Message(1, shape[i] is { } d ? new ProtoWriter().Varint(1, d) : new ProtoWriter().String(2, $"d{i}"));
        }

        var tensorType = new ProtoWriter().Varint(1, FloatType).Message(2, dims);
        return new ProtoWriter().String(1, name).Message(2, new ProtoWriter().Message(1, tensorType));
    }
}
