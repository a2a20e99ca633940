using System.Buffers.Binary;
using System.Numerics;

namespace Portal.TrainingRuns.TensorBoard;

/// <summary>
/// CRC-32C (Castagnoli, reflected polynomial 0x82F63B78, initial and final XOR 0xFFFFFFFF) and TFRecord's mask of it.
/// <see cref="BitOperations.Crc32C(uint, ulong)"/> is the processor's CRC32 instruction where there is one (SSE 4.2,
/// ARMv8), eight bytes a step.
/// </summary>
internal static class Crc32C
{
    private const uint MaskDelta = 0xa282ead8;

    /// <summary>The CRC-32C of <paramref name="data"/>: 0xE3069283 for the ASCII bytes "123456789".</summary>
    public static uint Compute(ReadOnlySpan<byte> data)
    {
        var crc = uint.MaxValue;
        while (data.Length >= 8)
        {
            crc = BitOperations.Crc32C(crc, BinaryPrimitives.ReadUInt64LittleEndian(data));
            data = data[8..];
        }

        foreach (var b in data)
        {
            crc = BitOperations.Crc32C(crc, b);
        }

        return ~crc;
    }

    /// <summary>TFRecord's masked CRC: ((crc &gt;&gt; 15) | (crc &lt;&lt; 17)) + 0xa282ead8, so a CRC of data holding CRCs stays strong.</summary>
    public static uint Mask(uint crc) => unchecked(BitOperations.RotateRight(crc, 15) + MaskDelta);

    /// <summary>The masked CRC-32C of <paramref name="data"/>, as stored in a TFRecord.</summary>
    public static uint Masked(ReadOnlySpan<byte> data) => Mask(Compute(data));
}
