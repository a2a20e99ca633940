using System.Net;
using System.Net.Http.Headers;
using System.Text;

namespace Portal.Web.Tests.Support;

/// <summary>
/// A multipart upload made as it is sent, never held whole: one <c>file</c> part per entry of <c>files</c> of the given
/// sizes (filler bytes), then a description. It may declare a length of its own (a lie) or none (sent chunked), and
/// counts the bytes the server actually took from it.
/// </summary>
public sealed class StreamedUpload : HttpContent
{
    private const string Boundary = "portal-streamed-upload";
    private readonly IReadOnlyList<(string Name, long Size)> _files;
    private readonly long? _declaredLength;
    private long _sent;

    /// <param name="files">The file parts: their names and sizes.</param>
    /// <param name="declaredLength">The Content-Length to send; null sends the body chunked, without one.</param>
    public StreamedUpload(IReadOnlyList<(string Name, long Size)> files, long? declaredLength = null)
    {
        _files = files;
        _declaredLength = declaredLength;
        Headers.ContentType = MediaTypeHeaderValue.Parse($"multipart/form-data; boundary={Boundary}");
    }

    /// <summary>The bytes the server read (or the transport buffered) before it stopped reading.</summary>
    public long Sent => Interlocked.Read(ref _sent);

    protected override async Task SerializeToStreamAsync(Stream stream, TransportContext? context)
    {
        var filler = Encoding.ASCII.GetBytes(string.Concat(Enumerable.Repeat("0123456789abcde\n", 4096)));
        foreach (var (name, size) in _files)
        {
            await WriteAsync(stream, Encoding.ASCII.GetBytes(
                $"--{Boundary}\r\nContent-Disposition: form-data; name=\"file\"; filename=\"{name}\"\r\nContent-Type: application/octet-stream\r\n\r\n"));
            for (long left = size; left > 0; left -= filler.Length)
            {
                await WriteAsync(stream, filler.AsMemory(0, (int)Math.Min(filler.Length, left)));
            }

            await WriteAsync(stream, "\r\n"u8.ToArray());
        }

        await WriteAsync(stream, Encoding.ASCII.GetBytes(
            $"--{Boundary}\r\nContent-Disposition: form-data; name=\"description\"\r\n\r\nstreamed\r\n--{Boundary}--\r\n"));
    }

    protected override bool TryComputeLength(out long length)
    {
        length = _declaredLength ?? 0;
        return _declaredLength is not null;
    }

    private async Task WriteAsync(Stream stream, ReadOnlyMemory<byte> bytes)
    {
        await stream.WriteAsync(bytes);
        Interlocked.Add(ref _sent, bytes.Length);
    }
}
