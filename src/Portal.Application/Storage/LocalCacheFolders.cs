using Microsoft.Extensions.Options;

namespace Portal.Application.Storage;

/// <summary>
/// The one rule for where this machine keeps what it derives from stored files: decoded hidden images for model runs
/// and thumbnails, under <see cref="PortalOptions.CacheDirectory"/> (default <c>cache</c> under the data directory).
/// Never storage: each machine makes its own from storage on first use, and deleting them is always safe.
/// </summary>
public sealed class LocalCacheFolders(IOptions<PortalOptions> options)
{
    /// <summary>The folder of all local caches.</summary>
    public string Root => string.IsNullOrWhiteSpace(options.Value.CacheDirectory)
        ? Path.Combine(options.Value.DataPath, "cache")
        : Path.GetFullPath(options.Value.CacheDirectory);

    /// <summary>The decoded-image cache of model runs (<see cref="Portal.Inference.Cache.DecodedImageCache"/>).</summary>
    public string DecodedImages => Path.Combine(Root, "decoded");

    /// <summary>The thumbnails of hidden-set images.</summary>
    public string Thumbnails => Path.Combine(Root, "thumbs");
}
