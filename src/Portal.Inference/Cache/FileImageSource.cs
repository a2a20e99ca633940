using System.Runtime.ExceptionServices;
using Portal.Inference.Preprocessing;

namespace Portal.Inference.Cache;

/// <summary>
/// Images decoded from their files batch by batch, in parallel, kept nowhere: a run without a cache folder.
/// Every view of a batch still reuses the one decode.
/// </summary>
internal sealed class FileImageSource : IImageBatchSource
{
    private readonly IReadOnlyList<string> _paths;
    private readonly PreprocessOptions _size;

    public FileImageSource(IReadOnlyList<string> paths, int width, int height, ResizeMode resize)
    {
        _paths = paths;
        _size = new PreprocessOptions { Width = width, Height = height, Resize = resize };
    }

    public int Count => _paths.Count;

    public int Width => _size.Width;

    public int Height => _size.Height;

    public void Read(int first, int count, byte[] destination, CancellationToken cancellationToken)
    {
        var imageBytes = Width * Height * CacheFileHeader.Channels;
        var parallel = new ParallelOptions { CancellationToken = cancellationToken, MaxDegreeOfParallelism = Environment.ProcessorCount };
        try
        {
            Parallel.For(0, count, parallel, i => ImageLoader.LoadInto(_paths[first + i], _size, destination.AsSpan(i * imageBytes, imageBytes)));
        }
        catch (AggregateException e) when (e.InnerExceptions.FirstOrDefault(x => x is InvalidDataException) is { } bad)
        {
            ExceptionDispatchInfo.Capture(bad).Throw();
        }
    }
}
