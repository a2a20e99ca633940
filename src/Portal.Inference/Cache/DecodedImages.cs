using System.IO.MemoryMappedFiles;
using Portal.Inference.Preprocessing;

namespace Portal.Inference.Cache;

/// <summary>
/// An opened, complete cache file: <see cref="Count"/> images of <see cref="Width"/> x <see cref="Height"/> RGB
/// bytes. Reads map only the window they need and unmap it after, so resident memory stays about one batch
/// however large the file (12,600 images at 224 x 224 are 1.9 GB). Reads are thread-safe.
/// </summary>
public sealed class DecodedImages : IDisposable, IImageBatchSource
{
    private readonly MemoryMappedFile _map;
    private readonly CacheFileHeader _header;

    internal DecodedImages(string path, CacheFileHeader header, bool built)
    {
        Path = path;
        _header = header;
        Built = built;
        // Share everything: another process may open the same cache, and a cache may be deleted while in use.
        var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete);
        try
        {
            _map = MemoryMappedFile.CreateFromFile(stream, null, 0, MemoryMappedFileAccess.Read, HandleInheritability.None, leaveOpen: false);
        }
        catch
        {
            stream.Dispose();
            throw;
        }
    }

    /// <summary>The cache file.</summary>
    public string Path { get; }

    public int Count => _header.Count;

    public int Width => _header.Width;

    public int Height => _header.Height;

    /// <summary>Bytes of one image: 3 x width x height.</summary>
    public int ImageBytes => (int)_header.ImageBytes;

    /// <summary>Whether this open decoded the images (a miss); false when an existing file was reused (a hit).</summary>
    public bool Built { get; }

    /// <summary>Copies images <paramref name="first"/> .. <paramref name="first"/> + <paramref name="count"/> - 1 into <paramref name="destination"/>, one after another.</summary>
    public void Read(int first, int count, Span<byte> destination)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(first);
        ArgumentOutOfRangeException.ThrowIfLessThan(count, 1);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(first + count, Count);
        var length = (long)count * ImageBytes;
        if (destination.Length < length)
        {
            throw new ArgumentException("The destination is smaller than the images asked for.", nameof(destination));
        }

        using var view = _map.CreateViewAccessor(CacheFileHeader.Size + ((long)first * ImageBytes), length, MemoryMappedFileAccess.Read);
        // The view starts on a page boundary; PointerOffset is where the asked-for window starts inside it.
        view.SafeMemoryMappedViewHandle.ReadSpan((ulong)view.PointerOffset, destination[..(int)length]);
    }

    /// <summary>Image <paramref name="index"/> as a <see cref="PixelImage"/> (a copy).</summary>
    public PixelImage Image(int index)
    {
        var pixels = new byte[ImageBytes];
        Read(index, 1, pixels);
        return new PixelImage(Width, Height, pixels);
    }

    void IImageBatchSource.Read(int first, int count, byte[] destination, CancellationToken cancellationToken) => Read(first, count, destination);

    public void Dispose() => _map.Dispose();
}
