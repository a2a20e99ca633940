using System.Text;

namespace Portal.Application.Models;

/// <summary>
/// The smallest ONNX model there is (one Identity node over a float vector), written byte by byte, so the
/// provider probe needs no model file on disk.
/// </summary>
internal static class ProbeModel
{
    private const int FloatType = 1;
    private const int Opset = 13;

    public static byte[] Bytes { get; } = Build();

    private static byte[] Build()
    {
        var node = Message(1, "x"u8).Concat(Message(2, "y"u8)).Concat(Message(4, "Identity"u8)).ToArray();
        var graph = Message(1, node).Concat(Message(2, "probe"u8)).Concat(Message(11, ValueInfo("x"))).Concat(Message(12, ValueInfo("y"))).ToArray();
        var opset = Message(1, []).Concat(Varint(2, Opset)).ToArray();
        return Varint(1, 8).Concat(Message(2, "Portal.Probe"u8)).Concat(Message(7, graph)).Concat(Message(8, opset)).ToArray();
    }

    private static byte[] ValueInfo(string name)
    {
        var shape = Message(1, Varint(1, 1));
        var tensor = Varint(1, FloatType).Concat(Message(2, shape)).ToArray();
        return Message(1, Encoding.UTF8.GetBytes(name)).Concat(Message(2, Message(1, tensor))).ToArray();
    }

    private static byte[] Message(int field, ReadOnlySpan<byte> payload) =>
        [.. Raw((ulong)((field << 3) | 2)), .. Raw((ulong)payload.Length), .. payload];

    private static byte[] Varint(int field, long value) => [.. Raw((ulong)(field << 3)), .. Raw((ulong)value)];

    private static byte[] Raw(ulong value)
    {
        var bytes = new List<byte>();
        while (value >= 0x80)
        {
            bytes.Add((byte)(value | 0x80));
            value >>= 7;
        }

        bytes.Add((byte)value);
        return [.. bytes];
    }
}
