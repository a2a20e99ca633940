using Portal.Inference.Cache;

namespace Portal.Inference.Onnx;

/// <summary>Where a run reads its images: files, decoded batch by batch, or an opened decoded-image cache.</summary>
public sealed record ImageSource
{
    private ImageSource(IReadOnlyList<string>? paths, DecodedImages? cache)
    {
        Paths = paths;
        Cache = cache;
    }

    /// <summary>The image files, when the images are decoded as they are run.</summary>
    public IReadOnlyList<string>? Paths { get; }

    /// <summary>The cache, when the images were decoded once beforehand.</summary>
    public DecodedImages? Cache { get; }

    public static ImageSource FromFiles(IReadOnlyList<string> paths) => new(paths ?? throw new ArgumentNullException(nameof(paths)), null);

    public static ImageSource FromCache(DecodedImages cache) => new(null, cache ?? throw new ArgumentNullException(nameof(cache)));
}
