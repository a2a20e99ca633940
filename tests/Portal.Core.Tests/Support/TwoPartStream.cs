namespace Portal.Core.Tests.Support;

/// <summary>A stream of two parts whose reads never span both: the second part arrives only in reads after the first.</summary>
internal sealed class TwoPartStream(byte[] first, byte[] second) : Stream
{
    private int _position;

    public override bool CanRead => true;
    public override bool CanSeek => false;
    public override bool CanWrite => false;
    public override long Length => throw new NotSupportedException();
    public override long Position { get => throw new NotSupportedException(); set => throw new NotSupportedException(); }

    public override int Read(byte[] buffer, int offset, int count) => Read(buffer.AsSpan(offset, count));

    public override int Read(Span<byte> buffer)
    {
        var (part, start) = _position < first.Length ? (first, _position) : (second, _position - first.Length);
        var n = Math.Min(buffer.Length, part.Length - start);
        part.AsSpan(start, n).CopyTo(buffer);
        _position += n;
        return n;
    }

    public override void Flush() { }
    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();
    public override void SetLength(long value) => throw new NotSupportedException();
    public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
}
