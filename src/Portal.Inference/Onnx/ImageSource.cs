using Portal.Inference.Cache;

namespace Portal.Inference.Onnx;

/// <summary>
/// Where a run reads its images: encoded images decoded batch by batch as they are run (files, or streams opened by
/// id from anywhere), or an opened decoded-image cache.
/// </summary>
public sealed record ImageSource
{
    private ImageSource(EncodedImages? encoded, DecodedImages? cache)
    {
        Encoded = encoded;
        Cache = cache;
    }

    /// <summary>The encoded images, when they are decoded as they are run.</summary>
    public EncodedImages? Encoded { get; }

    /// <summary>The cache, when the images were decoded once beforehand.</summary>
    public DecodedImages? Cache { get; }

    /// <summary>Image files on this disk, decoded as they are run.</summary>
    public static ImageSource FromFiles(IReadOnlyList<string> paths) => FromEncoded(EncodedImages.FromFiles(paths ?? throw new ArgumentNullException(nameof(paths))));

    /// <summary>Images opened by id from a stream opener (<see cref="EncodedImages"/>), decoded as they are run.</summary>
    public static ImageSource FromEncoded(EncodedImages images) => new(images ?? throw new ArgumentNullException(nameof(images)), null);

    public static ImageSource FromCache(DecodedImages cache) => new(null, cache ?? throw new ArgumentNullException(nameof(cache)));
}
