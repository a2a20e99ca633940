using System.Buffers.Binary;

namespace Portal.TrainingRuns.Tests.Fixtures;

/// <summary>
/// Writes TensorBoard event files by hand: TFRecord framing (uint64 length, masked CRC-32C of it, data, masked CRC-32C
/// of the data) around Event messages written with <see cref="ProtoBytes"/> at TensorBoard's field numbers. Its CRC-32C is
/// the bitwise textbook one, so the reader's hardware CRC is checked against an independent implementation.
/// </summary>
internal sealed class TfEventsWriter(Stream stream) : IDisposable
{
    // TensorBoard's DataType values.
    private const int DtFloat = 1;
    private const int DtDouble = 2;

    /// <summary>The number of records written so far.</summary>
    public int Records { get; private set; }

    /// <summary>The first record of every event file: "brain.Event:2".</summary>
    public TfEventsWriter FileVersion(double wallTime)
    {
        Record(new ProtoBytes().Double(1, wallTime).String(3, "brain.Event:2").ToArray());
        return this;
    }

    /// <summary>One scalar in one event; <paramref name="withMetadata"/> adds the "scalars" plugin metadata (TF2 writes it with a tag's first value).</summary>
    public TfEventsWriter Scalar(string tag, long step, double wallTime, double value, ScalarForm form, bool withMetadata = false)
    {
        var summaryValue = new ProtoBytes().String(1, tag);
        if (withMetadata)
        {
            summaryValue.Message(9, new ProtoBytes().Message(1, new ProtoBytes().String(1, "scalars")).Varint(4, 1));
        }

        switch (form)
        {
            case ScalarForm.SimpleValue:
                summaryValue.Float(2, (float)value);
                break;
            default:
                summaryValue.Message(8, ScalarTensor(value, form));
                break;
        }

        return SummaryEvent(step, wallTime, summaryValue);
    }

    /// <summary>An event with a non-scalar tensor (a histogram's [2, 3] float64 tensor), which readers of scalars skip.</summary>
    public TfEventsWriter Histogram(string tag, long step, double wallTime)
    {
        var shape = new ProtoBytes().Message(2, new ProtoBytes().Varint(1, 2)).Message(2, new ProtoBytes().Varint(1, 3));
        var tensor = new ProtoBytes().Varint(1, DtDouble).Message(2, shape).Bytes(6, new byte[48]);
        var value = new ProtoBytes().String(1, tag)
            .Message(9, new ProtoBytes().Message(1, new ProtoBytes().String(1, "histograms")))
            .Message(8, tensor);
        return SummaryEvent(step, wallTime, value);
    }

    /// <summary>
    /// The hparams plugin's session-start summary (what torch's <c>add_hparams</c> and TensorBoard's <c>hp.hparams</c>
    /// write): each hyperparameter a google.protobuf.Value, a number (double), string or bool.
    /// </summary>
    public TfEventsWriter HParams(IEnumerable<KeyValuePair<string, object>> hparams, double wallTime)
    {
        var start = new ProtoBytes();
        foreach (var (name, value) in hparams)
        {
            var v = value switch
            {
                string s => new ProtoBytes().String(3, s),
                bool b => new ProtoBytes().Varint(4, b ? 1 : 0),
                _ => new ProtoBytes().Double(2, Convert.ToDouble(value, System.Globalization.CultureInfo.InvariantCulture)),
            };
            start.Message(1, new ProtoBytes().String(1, name).Message(2, v));
        }

        var content = new ProtoBytes().Varint(1, 0).Message(3, start).ToArray();
        var metadata = new ProtoBytes().Message(1, new ProtoBytes().String(1, "hparams").Bytes(2, content));
        var summaryValue = new ProtoBytes().String(1, "_hparams_/session_start_info").Message(9, metadata);
        return SummaryEvent(0, wallTime, summaryValue);
    }

    /// <summary>A record of any bytes, framed and checksummed.</summary>
    public TfEventsWriter Record(byte[] data)
    {
        stream.Write(Frame(data));
        Records++;
        return this;
    }

    /// <summary>The TFRecord framing of <paramref name="data"/>.</summary>
    public static byte[] Frame(byte[] data)
    {
        var record = new byte[12 + data.Length + 4];
        BinaryPrimitives.WriteUInt64LittleEndian(record, (ulong)data.Length);
        BinaryPrimitives.WriteUInt32LittleEndian(record.AsSpan(8), MaskedCrc(record.AsSpan(0, 8)));
        data.CopyTo(record, 12);
        BinaryPrimitives.WriteUInt32LittleEndian(record.AsSpan(12 + data.Length), MaskedCrc(data));
        return record;
    }

    /// <summary>The bitwise CRC-32C (reflected 0x82F63B78), masked as TFRecord does.</summary>
    public static uint MaskedCrc(ReadOnlySpan<byte> data)
    {
        var crc = 0xFFFFFFFFu;
        foreach (var b in data)
        {
            crc ^= b;
            for (var k = 0; k < 8; k++)
            {
                crc = (crc & 1) != 0 ? (crc >> 1) ^ 0x82F63B78u : crc >> 1;
            }
        }

        crc = ~crc;
        return unchecked(((crc >> 15) | (crc << 17)) + 0xa282ead8u);
    }

    public void Dispose() => stream.Dispose();

    private TfEventsWriter SummaryEvent(long step, double wallTime, ProtoBytes summaryValue)
    {
        var summary = new ProtoBytes().Message(1, summaryValue);
        return Record(new ProtoBytes().Double(1, wallTime).Varint(2, step).Message(5, summary).ToArray());
    }

    private static ProtoBytes ScalarTensor(double value, ScalarForm form)
    {
        // A rank-0 tensor: an empty TensorShapeProto.
        var tensor = new ProtoBytes();
        switch (form)
        {
            case ScalarForm.TensorFloatVal:
                return tensor.Varint(1, DtFloat).Message(2, new ProtoBytes()).Bytes(5, BitConverter.GetBytes((float)value));
            case ScalarForm.TensorDoubleVal:
                return tensor.Varint(1, DtDouble).Message(2, new ProtoBytes()).Bytes(6, BitConverter.GetBytes(value));
            case ScalarForm.TensorFloatContent:
                return tensor.Varint(1, DtFloat).Message(2, new ProtoBytes()).Bytes(4, BitConverter.GetBytes((float)value));
            default:
                return tensor.Varint(1, DtDouble).Message(2, new ProtoBytes()).Bytes(4, BitConverter.GetBytes(value));
        }
    }
}
