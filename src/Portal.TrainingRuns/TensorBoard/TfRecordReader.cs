using System.Buffers.Binary;
using System.Globalization;

namespace Portal.TrainingRuns.TensorBoard;

/// <summary>
/// Reads the TFRecord framing of a stream, one record at a time: uint64 length (little-endian), uint32 masked CRC-32C of
/// those 8 bytes, the data, uint32 masked CRC-32C of the data. Both checksums are checked; a record is handed out as a
/// span over the reader's buffer, valid until the next call. Refusals are <see cref="RunFileRejectedException"/>s
/// naming the 1-based record.
/// </summary>
internal sealed class TfRecordReader(Stream stream, string fileName, int maxRecordBytes)
{
    private const int HeaderBytes = 12;
    private const int FooterBytes = 4;

    private byte[] _buffer = new byte[64 * 1024];
    private int _start;
    private int _end;
    private bool _endOfStream;

    /// <summary>The 1-based number of the record last handed out (0 before the first).</summary>
    public long Record { get; private set; }

    /// <summary>The next record's data, or false at a clean end of the stream (right after a whole record).</summary>
    public bool TryRead(out ReadOnlySpan<byte> data)
    {
        data = default;
        if (!Fill(HeaderBytes))
        {
            if (_end == _start)
            {
                return false;
            }

            throw Refuse(RunFileProblem.TruncatedRecord, Record + 1,
                $"the file ends inside this record's 12-byte header, after {_end - _start} bytes; was it copied while still being written?");
        }

        var record = Record + 1;
        var header = _buffer.AsSpan(_start, HeaderBytes);
        var length = BinaryPrimitives.ReadUInt64LittleEndian(header);
        if (Crc32C.Masked(header[..8]) != BinaryPrimitives.ReadUInt32LittleEndian(header[8..]))
        {
            throw record == 1
                ? Refuse(RunFileProblem.NotTfRecord, record, "this is not a TensorBoard event file: its first record's header fails its checksum.")
                : Refuse(RunFileProblem.LengthChecksumMismatch, record, "the record's length does not match its checksum; the file is damaged.");
        }

        if (length > (ulong)maxRecordBytes)
        {
            throw Refuse(RunFileProblem.RecordTooLarge, record,
                string.Create(CultureInfo.InvariantCulture, $"the record holds {length:N0} bytes, more than the limit of {maxRecordBytes:N0}."));
        }

        var size = (int)length;
        if (!Fill(HeaderBytes + size + FooterBytes))
        {
            throw Refuse(RunFileProblem.TruncatedRecord, record,
                string.Create(CultureInfo.InvariantCulture,
                    $"the file ends inside this record: {_end - _start - HeaderBytes:N0} of its {size + FooterBytes:N0} bytes of data and checksum are there; was it copied while still being written?"));
        }

        data = _buffer.AsSpan(_start + HeaderBytes, size);
        var stored = BinaryPrimitives.ReadUInt32LittleEndian(_buffer.AsSpan(_start + HeaderBytes + size, FooterBytes));
        if (Crc32C.Masked(data) != stored)
        {
            throw Refuse(RunFileProblem.DataChecksumMismatch, record, "the record's data does not match its checksum; the file is damaged.");
        }

        _start += HeaderBytes + size + FooterBytes;
        Record = record;
        return true;
    }

    /// <summary>Makes at least <paramref name="count"/> unread bytes available; false when the stream ends first.</summary>
    private bool Fill(int count)
    {
        if (_end - _start >= count)
        {
            return true;
        }

        if (_buffer.Length - _start < count)
        {
            var target = _buffer.Length >= count ? _buffer : new byte[Math.Max(count, Math.Min(_buffer.Length * 2, int.MaxValue - 64))];
            Buffer.BlockCopy(_buffer, _start, target, 0, _end - _start);
            _end -= _start;
            _start = 0;
            _buffer = target;
        }

        while (_end - _start < count && !_endOfStream)
        {
            var n = stream.Read(_buffer, _end, _buffer.Length - _end);
            if (n == 0)
            {
                _endOfStream = true;
            }

            _end += n;
        }

        return _end - _start >= count;
    }

    private RunFileRejectedException Refuse(RunFileProblem problem, long record, string reason) =>
        RunFileRejectedException.AtRecord(problem, fileName, record, reason);
}
