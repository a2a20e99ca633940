using System.Buffers;
using System.Globalization;
using System.IO.MemoryMappedFiles;
using System.Security.Cryptography;
using System.Text;
using Portal.Inference.Preprocessing;
using Portal.Inference.Tta;

namespace Portal.Inference.Cache;

/// <summary>
/// Decodes each image of a set once, in parallel, into a file of 8-bit RGB pixels at one size (see
/// <see cref="CacheFileHeader"/> for the layout) in <see cref="Folder"/>, so repeated runs and every TTA view reuse
/// it. Keyed by the caller's image-set key, the size and the resize mode. A file is built under a unique temporary
/// name and renamed when complete, so a crash never leaves a half file that is trusted, and two processes building
/// the same key never write the same file: the first rename wins and the other reuses its result. With a cap
/// (<see cref="MaxBytes"/>), building a file first deletes least recently used files that no run has open.
/// </summary>
public sealed class DecodedImageCache
{
    /// <summary>The extension of complete cache files.</summary>
    public const string FileExtension = ".rgb";

    /// <summary>The extension of files being built; never read.</summary>
    public const string TemporaryExtension = ".tmp";

    // Bytes of pixels mapped at a time while building: bounds resident memory, large enough to amortise mapping.
    private const long BuildWindowBytes = 64L << 20;

    // Images decoded between two progress reports while building.
    private const int ProgressStep = 16;

    // A temporary file this old is a crashed build's leftover, not one in progress: builds take minutes.
    private static readonly TimeSpan StaleTemporaryAge = TimeSpan.FromDays(1);

    // Characters of the key hash in the file name: 96 bits, no collision between sets in practice.
    private const int FileNameHashChars = 24;

    private readonly ImageDecoder _decoder;

    /// <param name="folder">Where the cache files live (created when missing), such as <c>data/cache/decoded</c>.</param>
    /// <param name="maxDegreeOfParallelism">Images decoded at once; 0 is one per processor.</param>
    /// <param name="decoder">How an image is decoded; <see cref="ImageLoader.LoadInto(ReadOnlySpan{byte}, string, PreprocessOptions, Span{byte})"/> when null.</param>
    /// <param name="maxBytes">The most bytes the folder's files may hold together (<see cref="MaxBytes"/>); 0 for no cap.</param>
    public DecodedImageCache(string folder, int maxDegreeOfParallelism = 0, ImageDecoder? decoder = null, long maxBytes = 0)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(folder);
        ArgumentOutOfRangeException.ThrowIfNegative(maxDegreeOfParallelism);
        ArgumentOutOfRangeException.ThrowIfNegative(maxBytes);
        Folder = folder;
        MaxBytes = maxBytes;
        MaxDegreeOfParallelism = maxDegreeOfParallelism == 0 ? Environment.ProcessorCount : maxDegreeOfParallelism;
        _decoder = decoder ?? ImageLoader.LoadInto;
    }

    public string Folder { get; }

    public int MaxDegreeOfParallelism { get; }

    /// <summary>
    /// The most bytes the complete files and builds in progress may hold together (<c>Inference:MaxCacheBytes</c>);
    /// 0 for no cap. A new file first evicts least recently used files that no run has open (<see cref="CacheEviction"/>).
    /// </summary>
    public long MaxBytes { get; }

    /// <summary>The complete files of this cache, least recently used first, with whether a run has each open now.</summary>
    public IReadOnlyList<CachedImageSet> Entries() => CacheEviction.Entries(Folder);

    /// <summary>
    /// Deletes every complete cache file that no process has open (see <see cref="CacheEviction"/>); returns the bytes
    /// freed. A file in use stays, and a later run decodes again what was deleted.
    /// </summary>
    public long DeleteUnused() => CacheEviction.DeleteUnused(Folder);

    /// <summary>
    /// Opens the cache of the image files <paramref name="paths"/> at the size <paramref name="views"/> need for a model
    /// with <paramref name="options"/> (the input size, or larger for crops: <see cref="TtaViews.BaseSize"/>),
    /// decoding them first when it does not exist yet.
    /// </summary>
    public DecodedImages Open(string setKey, IReadOnlyList<string> paths, PreprocessOptions options, IReadOnlyList<TtaView> views,
        IProgress<int>? progress = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(paths);
        return OpenAsync(setKey, EncodedImages.FromFiles(paths), options, views, progress, cancellationToken).GetAwaiter().GetResult();
    }

    /// <summary>As <see cref="OpenAsync(string, EncodedImages, int, int, ResizeMode, IProgress{int}?, CancellationToken)"/>, for the image files <paramref name="paths"/>.</summary>
    public DecodedImages Open(string setKey, IReadOnlyList<string> paths, int width, int height, ResizeMode resize,
        IProgress<int>? progress = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(paths);
        return OpenAsync(setKey, EncodedImages.FromFiles(paths), width, height, resize, progress, cancellationToken).GetAwaiter().GetResult();
    }

    /// <summary>
    /// Opens the cache of <paramref name="images"/> at the size <paramref name="views"/> need for a model with
    /// <paramref name="options"/> (the input size, or larger for crops: <see cref="TtaViews.BaseSize"/>),
    /// decoding them first when it does not exist yet.
    /// </summary>
    public Task<DecodedImages> OpenAsync(string setKey, EncodedImages images, PreprocessOptions options, IReadOnlyList<TtaView> views,
        IProgress<int>? progress = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(options);
        var (width, height) = TtaViews.BaseSize(views, options.Width, options.Height);
        return OpenAsync(setKey, images, width, height, options.Resize, progress, cancellationToken);
    }

    /// <summary>
    /// Opens the cache of <paramref name="images"/> decoded to <paramref name="width"/> x <paramref name="height"/>,
    /// reading and decoding them first (in parallel; <paramref name="progress"/> gets the images done) when no complete
    /// file exists. Only the cache file is on this disk: the images may be read from anywhere.
    /// </summary>
    /// <param name="setKey">What identifies the images and their order: <see cref="ImageSetKey.FromFiles"/>, or the caller's own (a hidden set's stored version).</param>
    /// <param name="images">The encoded images, in the order the cache keeps them.</param>
    /// <param name="width">The width to decode to.</param>
    /// <param name="height">The height to decode to.</param>
    /// <param name="resize">How an image of another aspect ratio is brought to that size.</param>
    /// <param name="progress">Gets the number of images decoded so far while building.</param>
    /// <param name="cancellationToken">Stops a build; nothing is left behind.</param>
    /// <exception cref="InvalidDataException">An image cannot be read or decoded; the message names it, and no cache file is left.</exception>
    /// <exception cref="CacheSpaceException">The cache file would not fit on this disk (<see cref="SpaceProblem"/>).</exception>
    public async Task<DecodedImages> OpenAsync(string setKey, EncodedImages images, int width, int height, ResizeMode resize,
        IProgress<int>? progress = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(setKey);
        ArgumentNullException.ThrowIfNull(images);
        if (images.Count == 0)
        {
            throw new ArgumentException("There must be at least one image.", nameof(images));
        }

        if (width is < 1 or > PreprocessOptions.MaxSide * 2 || height is < 1 or > PreprocessOptions.MaxSide * 2)
        {
            throw new ArgumentOutOfRangeException(nameof(width), $"{width}x{height}", "The cached size is out of range.");
        }

        var header = new CacheFileHeader(images.Count, width, height, KeyHash(setKey, images.Count, width, height, resize));
        var path = PathFor(header);
        if (IsComplete(path, header) && TryOpen(path, header) is { } hit)
        {
            CacheEviction.Touch(path);
            return hit;
        }

        Directory.CreateDirectory(Folder);
        if (SpaceProblem(images.Count, width, height) is { } noRoom)
        {
            throw new CacheSpaceException(noRoom);
        }

        if (MaxBytes > 0 && CacheEviction.MakeRoom(Folder, MaxBytes, header.FileLength) is { } full)
        {
            throw new CacheSpaceException(full);
        }

        await BuildAsync(path, header, images, new PreprocessOptions { Width = width, Height = height, Resize = resize }, progress, cancellationToken).ConfigureAwait(false);
        return new DecodedImages(path, header, built: true);
    }

    /// <summary>Disk kept free beyond a new cache file, so that a cache never fills the disk the database lives on.</summary>
    public const long ReservedFreeBytes = 2L << 30;

    /// <summary>
    /// Why <paramref name="count"/> images cannot be cached at <paramref name="width"/> x <paramref name="height"/>
    /// here (the file would not fit on the cache's disk with <see cref="ReservedFreeBytes"/> to spare, or is larger
    /// than the whole cap <see cref="MaxBytes"/>), or null.
    /// </summary>
    public string? SpaceProblem(int count, int width, int height)
    {
        var needed = CacheFileHeader.Size + ((long)count * width * height * CacheFileHeader.Channels);
        if (MaxBytes > 0 && needed > MaxBytes)
        {
            return string.Create(CultureInfo.InvariantCulture,
                $"Decoding the {count:N0} images at {width}x{height} needs {Gib(needed)} for the decoded-image cache, more than this server's cap of {Gib(MaxBytes)}. Choose a smaller input size.");
        }

        if (DiskSpace.AvailableBytes(Folder) is not { } free)
        {
            return null;
        }

        return needed + ReservedFreeBytes <= free ? null : string.Create(CultureInfo.InvariantCulture,
            $"Decoding the {count:N0} images at {width}x{height} needs {Gib(needed)} of disk for the decoded-image cache, and the server has {Gib(Math.Max(0, free - ReservedFreeBytes))} to spare. Choose a smaller input size.");
    }

    internal static string Gib(long bytes) => string.Create(CultureInfo.InvariantCulture, $"{bytes / (double)(1L << 30):0.#} GiB");

    /// <summary>The file the cache of these images at this size lives in (whether or not it exists yet).</summary>
    public string PathFor(string setKey, int count, int width, int height, ResizeMode resize) =>
        PathFor(new CacheFileHeader(count, width, height, KeyHash(setKey, count, width, height, resize)));

    private string PathFor(CacheFileHeader header) =>
        Path.Combine(Folder, string.Create(CultureInfo.InvariantCulture,
            $"{header.Width}x{header.Height}-{Convert.ToHexStringLower(header.KeyHash)[..FileNameHashChars]}{FileExtension}"));

    private static byte[] KeyHash(string setKey, int count, int width, int height, ResizeMode resize) =>
        SHA256.HashData(Encoding.UTF8.GetBytes(string.Create(CultureInfo.InvariantCulture,
            $"portal decoded-image cache v{CacheFileHeader.FormatVersion}\n{setKey}\n{count}\n{width}x{height}\n{resize}")));

    /// <summary>The complete file at <paramref name="path"/> opened, or null when an eviction deleted it since it was checked.</summary>
    private static DecodedImages? TryOpen(string path, CacheFileHeader header)
    {
        try
        {
            return new DecodedImages(path, header, built: false);
        }
        catch (IOException)
        {
            return null;
        }
    }

    /// <summary>Whether <paramref name="path"/> is a complete file for <paramref name="header"/>: right length, header and key.</summary>
    private static bool IsComplete(string path, CacheFileHeader header)
    {
        try
        {
            using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete);
            if (stream.Length != header.FileLength)
            {
                return false;
            }

            Span<byte> bytes = stackalloc byte[CacheFileHeader.Size];
            stream.ReadExactly(bytes);
            return header.Matches(bytes);
        }
        catch (FileNotFoundException)
        {
            return false;
        }
        catch (DirectoryNotFoundException)
        {
            return false;
        }
        catch (IOException)
        {
            // Locked exclusively: an eviction is deleting it this instant.
            return false;
        }
    }

    private async Task BuildAsync(string path, CacheFileHeader header, EncodedImages images, PreprocessOptions size, IProgress<int>? progress, CancellationToken cancellationToken)
    {
        RemoveStaleTemporaries(path);
        // Unique per builder: concurrent builders of one key never share a file.
        var temporary = string.Create(CultureInfo.InvariantCulture, $"{path}.{Environment.ProcessId}-{Guid.NewGuid():N}{TemporaryExtension}");
        try
        {
            await WritePixelsAsync(temporary, header, images, size, progress, cancellationToken).ConfigureAwait(false);
            try
            {
                // Fails when the file exists (link, not rename, on Unix), so a finished file is never replaced under a reader.
                File.Move(temporary, path, overwrite: false);
            }
            catch (IOException) when (IsComplete(path, header))
            {
                // Another builder finished first: theirs is as good as ours.
            }
            catch (IOException)
            {
                // What is there is stale (an older format, a truncated copy): replace it.
                File.Move(temporary, path, overwrite: true);
            }
        }
        finally
        {
            File.Delete(temporary);
        }
    }

    /// <summary>Decodes one image; any failure becomes an <see cref="InvalidDataException"/> that names it.</summary>
    internal void Decode(ReadOnlySpan<byte> encoded, string name, PreprocessOptions size, Span<byte> destination)
    {
        try
        {
            _decoder(encoded, name, size, destination);
        }
        catch (Exception e) when (e is not (InvalidDataException or OperationCanceledException))
        {
            throw new InvalidDataException($"'{name}' could not be decoded: {e.Message}", e);
        }
    }

    /// <summary>Deletes leftovers of crashed builds of this file, so a cache folder does not fill up with them.</summary>
    private static void RemoveStaleTemporaries(string path)
    {
        var folder = Path.GetDirectoryName(path)!;
        foreach (var file in Directory.EnumerateFiles(folder, Path.GetFileName(path) + ".*" + TemporaryExtension))
        {
            try
            {
                if (DateTime.UtcNow - File.GetLastWriteTimeUtc(file) > StaleTemporaryAge)
                {
                    File.Delete(file);
                }
            }
            catch (IOException)
            {
                // Another process removed it or still holds it: either way not ours to worry about.
            }
        }
    }

    private async Task WritePixelsAsync(string temporary, CacheFileHeader header, EncodedImages images, PreprocessOptions size, IProgress<int>? progress, CancellationToken cancellationToken)
    {
        using var stream = new FileStream(temporary, FileMode.CreateNew, FileAccess.ReadWrite, FileShare.None);
        stream.SetLength(header.FileLength);
        var headerBytes = new byte[CacheFileHeader.Size];
        header.Write(headerBytes);
        stream.Write(headerBytes);
        stream.Flush();
        var imageBytes = (int)header.ImageBytes;
        var perWindow = (int)Math.Max(1, BuildWindowBytes / imageBytes);
        var parallel = new ParallelOptions { CancellationToken = cancellationToken, MaxDegreeOfParallelism = MaxDegreeOfParallelism };
        var decoded = 0;
        using (var map = MemoryMappedFile.CreateFromFile(stream, null, 0, MemoryMappedFileAccess.ReadWrite, HandleInheritability.None, leaveOpen: true))
        {
            for (var first = 0; first < images.Count; first += perWindow)
            {
                var count = Math.Min(perWindow, images.Count - first);
                using var view = map.CreateViewAccessor(CacheFileHeader.Size + ((long)first * imageBytes), (long)count * imageBytes, MemoryMappedFileAccess.ReadWrite);
                var handle = view.SafeMemoryMappedViewHandle;
                var start = (ulong)view.PointerOffset;
                var windowFirst = first;
                // Reading an image may wait on a disk or a network; decoding it keeps a core busy. A pooled buffer per
                // image: SkiaSharp writes RGBA, the cache keeps RGB, and safe code cannot point a span at the mapping.
                await Parallel.ForAsync(0, count, parallel, async (i, token) =>
                {
                    var encoded = await images.ReadAsync(windowFirst + i, token).ConfigureAwait(false);
                    var buffer = ArrayPool<byte>.Shared.Rent(imageBytes);
                    try
                    {
                        Decode(encoded, images.Name(windowFirst + i), size, buffer.AsSpan(0, imageBytes));
                        handle.WriteSpan(start + ((ulong)i * (ulong)imageBytes), (ReadOnlySpan<byte>)buffer.AsSpan(0, imageBytes));
                    }
                    finally
                    {
                        ArrayPool<byte>.Shared.Return(buffer);
                    }

                    // A window can hold thousands of small images: report as images finish, not per window.
                    var done = Interlocked.Increment(ref decoded);
                    if (done % ProgressStep == 0)
                    {
                        progress?.Report(done);
                    }
                }).ConfigureAwait(false);

                view.Flush();
                progress?.Report(first + count);
            }
        }

        // On disk before the rename makes it trusted, so a power cut cannot leave a complete name over missing pages.
        stream.Flush(flushToDisk: true);
    }
}
