namespace Portal.Web.Api;

/// <summary>
/// A request body read no further than <see cref="Limit"/> bytes: past it, a read fails as Kestrel's own limit does (413),
/// so a body sent without a length is cut off where it passes the limit, on any server.
/// </summary>
internal sealed class BodyLimitStream(Stream inner, long limit) : Stream
{
    private long _read;

    /// <summary>The most bytes read; may be lowered once the upload's kind is known.</summary>
    public long Limit { get; set; } = limit;

    public override bool CanRead => true;
    public override bool CanSeek => false;
    public override bool CanWrite => false;
    public override long Length => throw new NotSupportedException();
    public override long Position { get => _read; set => throw new NotSupportedException(); }

    public override int Read(byte[] buffer, int offset, int count) => Count(inner.Read(buffer, offset, count));

    public override async ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default) =>
        Count(await inner.ReadAsync(buffer, cancellationToken));

    public override Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
        ReadAsync(buffer.AsMemory(offset, count), cancellationToken).AsTask();

    public override void Flush()
    {
    }

    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();
    public override void SetLength(long value) => throw new NotSupportedException();
    public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();

    private int Count(int read)
    {
        _read += read;
        if (_read > Limit)
        {
            throw new BadHttpRequestException("The request body is larger than its limit.", StatusCodes.Status413PayloadTooLarge);
        }

        return read;
    }
}
