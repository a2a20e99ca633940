using Portal.Inference.Preprocessing;

namespace Portal.Inference.Cache;

/// <summary>
/// Images decoded from their encoded files batch by batch, in parallel, kept nowhere: a run without a cache folder.
/// Every view of a batch still reuses the one decode.
/// </summary>
internal sealed class EncodedImageSource : IImageBatchSource
{
    private readonly EncodedImages _images;
    private readonly PreprocessOptions _size;

    public EncodedImageSource(EncodedImages images, int width, int height, ResizeMode resize)
    {
        _images = images;
        _size = new PreprocessOptions { Width = width, Height = height, Resize = resize };
    }

    public int Count => _images.Count;

    public int Width => _size.Width;

    public int Height => _size.Height;

    public void Read(int first, int count, byte[] destination, CancellationToken cancellationToken)
    {
        var imageBytes = Width * Height * CacheFileHeader.Channels;
        var parallel = new ParallelOptions { CancellationToken = cancellationToken, MaxDegreeOfParallelism = Environment.ProcessorCount };
        // The run's pipeline reads batches on its own worker thread, which may wait here for the batch.
        Parallel.ForAsync(0, count, parallel, async (i, token) =>
        {
            var encoded = await _images.ReadAsync(first + i, token).ConfigureAwait(false);
            ImageLoader.LoadInto(encoded, _images.Name(first + i), _size, destination.AsSpan(i * imageBytes, imageBytes));
        }).GetAwaiter().GetResult();
    }
}
