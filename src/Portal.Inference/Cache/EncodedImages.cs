namespace Portal.Inference.Cache;

/// <summary>
/// The encoded images of a set (JPEG, PNG, ...), in order, each opened by its id as a stream: files on this disk
/// (<see cref="FromFiles"/>), or a store's objects read over the network. What the decoded-image cache is built from,
/// and what a run without a cache decodes batch by batch.
/// </summary>
public sealed class EncodedImages
{
    private readonly Func<string, CancellationToken, Task<Stream>> _open;

    /// <param name="ids">The images' ids, in the set's order; an id's file name part names the image in messages.</param>
    /// <param name="open">Opens the encoded bytes of an id; may throw <see cref="IOException"/> (such as <see cref="FileNotFoundException"/>).</param>
    public EncodedImages(IReadOnlyList<string> ids, Func<string, CancellationToken, Task<Stream>> open)
    {
        Ids = ids ?? throw new ArgumentNullException(nameof(ids));
        _open = open ?? throw new ArgumentNullException(nameof(open));
    }

    /// <summary>The images' ids, in order.</summary>
    public IReadOnlyList<string> Ids { get; }

    public int Count => Ids.Count;

    /// <summary>Image files on this disk, the path as the id.</summary>
    public static EncodedImages FromFiles(IReadOnlyList<string> paths) =>
        new(paths, (path, _) => Task.FromResult<Stream>(new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 1 << 16, useAsync: true)));

    /// <summary>The name of image <paramref name="index"/> in messages: its id's file name.</summary>
    public string Name(int index) => Path.GetFileName(Ids[index]);

    /// <summary>The whole encoded image <paramref name="index"/>.</summary>
    /// <exception cref="InvalidDataException">It cannot be read; the message names it.</exception>
    public async Task<byte[]> ReadAsync(int index, CancellationToken cancellationToken = default)
    {
        try
        {
            await using var stream = await _open(Ids[index], cancellationToken).ConfigureAwait(false);
            if (stream.CanSeek)
            {
                var bytes = new byte[stream.Length - stream.Position];
                await stream.ReadExactlyAsync(bytes, cancellationToken).ConfigureAwait(false);
                return bytes;
            }

            using var buffer = new MemoryStream();
            await stream.CopyToAsync(buffer, cancellationToken).ConfigureAwait(false);
            return buffer.ToArray();
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new InvalidDataException($"'{Name(index)}' could not be read: {e.Message}", e);
        }
    }
}
