using System.Buffers.Binary;
using System.Text;

namespace Portal.TrainingRuns.Tests.Fixtures;

/// <summary>
/// Just enough of the protobuf wire format to write TensorBoard's messages by hand, independently of the generated
/// code the reader uses: varints, 32- and 64-bit fixed values, length-delimited fields.
/// </summary>
internal sealed class ProtoBytes
{
    private readonly List<byte> _bytes = [];

    public ProtoBytes Varint(int field, long value)
    {
        Key(field, 0);
        Raw((ulong)value);
        return this;
    }

    public ProtoBytes Double(int field, double value)
    {
        Key(field, 1);
        Span<byte> b = stackalloc byte[8];
        BinaryPrimitives.WriteDoubleLittleEndian(b, value);
        _bytes.AddRange(b.ToArray());
        return this;
    }

    public ProtoBytes Float(int field, float value)
    {
        Key(field, 5);
        Span<byte> b = stackalloc byte[4];
        BinaryPrimitives.WriteSingleLittleEndian(b, value);
        _bytes.AddRange(b.ToArray());
        return this;
    }

    public ProtoBytes String(int field, string value) => Bytes(field, Encoding.UTF8.GetBytes(value));

    public ProtoBytes Message(int field, ProtoBytes message) => Bytes(field, message.ToArray());

    public ProtoBytes Bytes(int field, byte[] value)
    {
        Key(field, 2);
        Raw((ulong)value.Length);
        _bytes.AddRange(value);
        return this;
    }

    public byte[] ToArray() => [.. _bytes];

    private void Key(int field, int wireType) => Raw((ulong)((field << 3) | wireType));

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
