using System.Text;

namespace Portal.Web.Tests.Support.Onnx;

/// <summary>Just enough of the protobuf wire format to write small ONNX models in tests.</summary>
internal sealed class ProtoWriter
{
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
