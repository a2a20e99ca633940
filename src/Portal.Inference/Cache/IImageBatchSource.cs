namespace Portal.Inference.Cache;

/// <summary>Decoded 8-bit RGB images of one size, read a batch at a time: the cache file, or files decoded on the fly.</summary>
internal interface IImageBatchSource
{
    int Count { get; }

    int Width { get; }

    int Height { get; }

    /// <summary>Writes images <paramref name="first"/> .. <paramref name="first"/> + <paramref name="count"/> - 1, HWC RGB, one after another.</summary>
    void Read(int first, int count, byte[] destination, CancellationToken cancellationToken);
}
