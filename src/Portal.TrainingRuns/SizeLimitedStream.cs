using Portal.Core.Submissions;

namespace Portal.TrainingRuns;

/// <summary>
/// A read-only pass-through that refuses a file as soon as more than its limit has been read (for streams whose
/// length is not known ahead, such as uploads), with <see cref="RunFileProblem.FileTooLarge"/>.
/// </summary>
internal sealed class SizeLimitedStream(Stream inner, long maxBytes, string fileName) : Stream
{
    private long _read;

    /// <summary>
    /// <paramref name="stream"/> itself when its length is known and within <paramref name="maxBytes"/> (refused at once
    /// when over), else wrapped so reading past the limit is refused.
    /// </summary>
    public static Stream Guard(Stream stream, long maxBytes, string fileName)
    {
        if (!stream.CanSeek)
        {
            return new SizeLimitedStream(stream, maxBytes, fileName);
        }

        if (stream.Length - stream.Position > maxBytes)
        {
            throw TooLarge(stream.Length - stream.Position, maxBytes, fileName);
        }

        return stream;
    }

    /// <summary>The refusal of a file of <paramref name="bytes"/> over <paramref name="maxBytes"/>.</summary>
    public static RunFileRejectedException TooLarge(long bytes, long maxBytes, string fileName) =>
        new(RunFileProblem.FileTooLarge, fileName, bytes < 0
            ? $"the file is larger than the limit of {ByteSize.Format(maxBytes)}."
            : $"the file holds {ByteSize.Format(bytes)}, more than the limit of {ByteSize.Format(maxBytes)}.");

    public override bool CanRead => true;
    public override bool CanSeek => false;
    public override bool CanWrite => false;
    public override long Length => throw new NotSupportedException();
    public override long Position { get => _read; set => throw new NotSupportedException(); }

    public override int Read(byte[] buffer, int offset, int count) => Read(buffer.AsSpan(offset, count));

    public override int Read(Span<byte> buffer)
    {
        var n = inner.Read(buffer);
        _read += n;
        return _read > maxBytes ? throw TooLarge(-1, maxBytes, fileName) : n;
    }

    public override void Flush() { }
    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();
    public override void SetLength(long value) => throw new NotSupportedException();
    public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
}
