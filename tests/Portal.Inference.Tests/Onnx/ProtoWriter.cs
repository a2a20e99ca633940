using System.Text;

namespace Portal.Inference.Tests.Onnx;

/// <summary>Just enough of the protobuf wire format to write small ONNX models in tests.</summary>
internal sealed class ProtoWriter
{
    // TensorProto.DataType.FLOAT.
    private const int OnnxFloat = 1;

    private readonly List<byte> _bytes = [];

    public ProtoWriter Varint(int field, long value)
    {
        Key(field, 0);
        Raw((ulong)value);
        return this;
    }

    public ProtoWriter String(int field, string value) => Bytes(field, Encoding.UTF8.GetBytes(value));

    public ProtoWriter Message(int field, ProtoWriter message) => Bytes(field, message.ToArray());

    public ProtoWriter PackedFloats(int field, IEnumerable<float> values)
    {
        var bytes = values.SelectMany(BitConverter.GetBytes).ToArray();
        return Bytes(field, bytes);
    }

    public ProtoWriter Bytes(int field, byte[] value)
    {
        Key(field, 2);
        Raw((ulong)value.Length);
        _bytes.AddRange(value);
        return this;
    }

    public byte[] ToArray() => [.. _bytes];

    /// <summary>An ONNX float32 TensorProto (an initializer): its dims, values and name.</summary>
    public static ProtoWriter FloatTensor(string name, long[] dims, float[] values)
    {
        var tensor = new ProtoWriter();
        foreach (var d in dims)
        {
            tensor.Varint(1, d);
        }

        return tensor.Varint(2, OnnxFloat).PackedFloats(4, values).String(8, name);
    }

    /// <summary>An ONNX ValueInfoProto of a float32 tensor; a null dimension is symbolic ("d0", "d1", ...).</summary>
    public static ProtoWriter FloatValueInfo(string name, int?[] shape)
    {
        var dims = new ProtoWriter();
        for (var i = 0; i < shape.Length; i++)
        {
            dims.Message(1, shape[i] is { } d ? new ProtoWriter().Varint(1, d) : new ProtoWriter().String(2, $"d{i}"));
        }

        var tensorType = new ProtoWriter().Varint(1, OnnxFloat).Message(2, dims);
        return new ProtoWriter().String(1, name).Message(2, new ProtoWriter().Message(1, tensorType));
    }

    /// <summary>An ONNX NodeProto, named after its first output (ONNX Runtime refuses two nodes of one name).</summary>
    public static ProtoWriter Node(string op, string[] inputs, string[] outputs)
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

        return node.String(3, outputs[0]).String(4, op);
    }

    private void Key(int field, int wire) => Raw(((ulong)field << 3) | (uint)wire);

    private void Raw(ulong value)
    {
        while (value >= 0x80)
        {
            _bytes.Add((byte)(value | 0x80));
            value >>= 7;
        }

        _bytes.Add((byte)value);
    }
}
