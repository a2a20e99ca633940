using System.Buffers.Binary;
using Portal.TrainingRuns.TensorBoard.Protos;

namespace Portal.TrainingRuns.TensorBoard;

/// <summary>
/// The value of a tensor-valued scalar summary (TF2's <c>tf.summary.scalar</c>, torch's new-style scalars): a
/// one-element numeric tensor, its value in the typed field of its dtype or in <c>tensor_content</c> (little-endian),
/// read as TensorFlow's <c>MakeNdarray</c> does (no value at all is 0).
/// </summary>
internal static class ScalarTensor
{
    /// <summary>
    /// The scalar in <paramref name="tensor"/>, or false when it is not a one-element numeric tensor (a histogram,
    /// an image, text). Throws <see cref="FormatException"/> with the reason when it claims to be one but its bytes disagree.
    /// </summary>
    public static bool TryRead(TensorProto tensor, out double value)
    {
        value = 0;
        if (!IsOneElement(tensor.TensorShape) || ElementBytes(tensor.Dtype) is not (> 0 and var size))
        {
            return false;
        }

        var content = tensor.TensorContent.Span;
        if (content.Length > 0)
        {
            if (content.Length != size)
            {
                throw new FormatException($"a one-element {Name(tensor.Dtype)} tensor has {content.Length} bytes of content, not {size}.");
            }

            value = FromBytes(tensor.Dtype, content);
            return true;
        }

        var (count, first) = Typed(tensor);
        if (count > 1)
        {
            throw new FormatException($"a one-element {Name(tensor.Dtype)} tensor holds {count} values.");
        }

        value = count == 0 ? 0 : first;
        return true;
    }

    private static bool IsOneElement(TensorShapeProto? shape)
    {
        if (shape is null)
        {
            return true;
        }

        if (shape.UnknownRank)
        {
            return false;
        }

        foreach (var dim in shape.Dim)
        {
            if (dim.Size != 1)
            {
                return false;
            }
        }

        return true;
    }

    private static int ElementBytes(DataType dtype) => dtype switch
    {
        DataType.DtFloat or DataType.DtInt32 or DataType.DtUint32 => 4,
        DataType.DtDouble or DataType.DtInt64 or DataType.DtUint64 => 8,
        DataType.DtHalf or DataType.DtBfloat16 or DataType.DtInt16 or DataType.DtUint16 => 2,
        DataType.DtInt8 or DataType.DtUint8 => 1,
        _ => 0,
    };

    private static double FromBytes(DataType dtype, ReadOnlySpan<byte> b) => dtype switch
    {
        DataType.DtFloat => BinaryPrimitives.ReadSingleLittleEndian(b),
        DataType.DtDouble => BinaryPrimitives.ReadDoubleLittleEndian(b),
        DataType.DtHalf => (double)BinaryPrimitives.ReadHalfLittleEndian(b),
        DataType.DtBfloat16 => BFloat16(BinaryPrimitives.ReadUInt16LittleEndian(b)),
        DataType.DtInt32 => BinaryPrimitives.ReadInt32LittleEndian(b),
        DataType.DtUint32 => BinaryPrimitives.ReadUInt32LittleEndian(b),
        DataType.DtInt64 => BinaryPrimitives.ReadInt64LittleEndian(b),
        DataType.DtUint64 => BinaryPrimitives.ReadUInt64LittleEndian(b),
        DataType.DtInt16 => BinaryPrimitives.ReadInt16LittleEndian(b),
        DataType.DtUint16 => BinaryPrimitives.ReadUInt16LittleEndian(b),
        DataType.DtInt8 => (sbyte)b[0],
        _ => b[0],
    };

    /// <summary>How many values the dtype's typed field holds, and the first.</summary>
    private static (int Count, double First) Typed(TensorProto t) => t.Dtype switch
    {
        DataType.DtFloat => (t.FloatVal.Count, t.FloatVal.Count > 0 ? t.FloatVal[0] : 0),
        DataType.DtDouble => (t.DoubleVal.Count, t.DoubleVal.Count > 0 ? t.DoubleVal[0] : 0),
        DataType.DtHalf => (t.HalfVal.Count, t.HalfVal.Count > 0 ? (double)BitConverter.UInt16BitsToHalf((ushort)t.HalfVal[0]) : 0),
        DataType.DtBfloat16 => (t.HalfVal.Count, t.HalfVal.Count > 0 ? BFloat16((ushort)t.HalfVal[0]) : 0),
        DataType.DtInt64 => (t.Int64Val.Count, t.Int64Val.Count > 0 ? t.Int64Val[0] : 0),
        DataType.DtUint32 => (t.Uint32Val.Count, t.Uint32Val.Count > 0 ? t.Uint32Val[0] : 0),
        DataType.DtUint64 => (t.Uint64Val.Count, t.Uint64Val.Count > 0 ? t.Uint64Val[0] : 0),
        _ => (t.IntVal.Count, t.IntVal.Count > 0 ? t.IntVal[0] : 0),
    };

    private static double BFloat16(ushort bits) => BitConverter.Int32BitsToSingle(bits << 16);

    private static string Name(DataType dtype) => dtype.ToString().Replace("Dt", "", StringComparison.Ordinal).ToLowerInvariant();
}
