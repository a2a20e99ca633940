namespace Portal.Core.Submissions;

/// <summary>
/// A read-only pass-through that stops a file as soon as it is over the size limit or holds
/// a NUL byte (which no CSV text has), so a wrong upload is refused without reading it all.
/// </summary>
internal sealed class GuardedStream(Stream inner, long maxBytes) : Stream
{
    private bool _first = true;

    public long BytesRead { get; private set; }

    public override bool CanRead => true;
    public override bool CanSeek => false;
    public override bool CanWrite => false;
    public override long Length => throw new NotSupportedException();
    public override long Position { get => BytesRead; set => throw new NotSupportedException(); }

    public override int Read(byte[] buffer, int offset, int count) => Read(buffer.AsSpan(offset, count));

    public override int Read(Span<byte> buffer)
    {
        var n = inner.Read(buffer);
        Inspect(buffer[..n]);
        return n;
    }

    public override async ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default)
    {
        var n = await inner.ReadAsync(buffer, cancellationToken).ConfigureAwait(false);
        Inspect(buffer.Span[..n]);
        return n;
    }

    public override Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
        ReadAsync(buffer.AsMemory(offset, count), cancellationToken).AsTask();

    private void Inspect(ReadOnlySpan<byte> chunk)
    {
        if (_first && chunk.Length >= 2)
        {
            _first = false;
            if ((chunk[0] == 0xFF && chunk[1] == 0xFE) || (chunk[0] == 0xFE && chunk[1] == 0xFF))
            {
                throw new InputRejectedException(ProblemCode.NotUtf8,
                    "The file is saved as UTF-16 text. Save it as UTF-8 (\"CSV UTF-8\" in Excel) and upload it again.");
            }
        }

        BytesRead += chunk.Length;
        if (BytesRead > maxBytes)
        {
            throw new InputRejectedException(ProblemCode.FileTooLarge,
                $"The file is larger than the limit of {ByteSize.Format(maxBytes)}.");
        }

        if (chunk.IndexOf((byte)0) >= 0)
        {
            throw new InputRejectedException(ProblemCode.BinaryData,
                "The file contains binary data (NUL bytes), not CSV text. Did you upload the wrong file?");
        }
    }

    public override void Flush() { }
    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();
    public override void SetLength(long value) => throw new NotSupportedException();
    public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();

    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            inner.Dispose();
        }

        base.Dispose(disposing);
    }
}
