using System.Globalization;
using Microsoft.Extensions.Options;
using Portal.Application.Competitions;
using Portal.Application.Storage;
using Portal.Core.Submissions;
using Portal.Data.Storage;
using Portal.Inference.Thumbnails;

namespace Portal.Application.Thumbnails;

/// <summary>
/// JPEG thumbnails of hidden-set images, made from the stored image on first request and cached on this machine's disk
/// (<see cref="LocalCacheFolders.Thumbnails"/>), under the set's images key, so a replaced set never shows an old
/// picture on any machine. Only images of the competition's hidden set are served, found by exact match of the id; no
/// label ever comes with them.
/// </summary>
public sealed partial class ThumbnailService(
    IFileStorage storage,
    HiddenSetCache hiddenSets,
    LocalCacheFolders caches,
    IOptions<PortalOptions> options,
    ILogger<ThumbnailService> logger)
{
    /// <summary>The longest edge of the thumbnails the site shows.</summary>
    public const int DefaultSize = ThumbnailMaker.DefaultMaxEdge;

    /// <summary>The longest edge of an image opened large: the classic task's 384x512 images whole, a larger one shrunk to fit a screen.</summary>
    public const int LargeSize = 1024;

    /// <summary>The cached thumbnail of <paramref name="imageId"/> (a plain file name) of the set stored under <paramref name="imagesKey"/>.</summary>
    public string CachePath(string imagesKey, int size, string imageId) =>
        Path.Combine(SetFolder(imagesKey), size.ToString(CultureInfo.InvariantCulture), imageId + ".jpg");

    /// <summary>
    /// Opens the thumbnail of <paramref name="imageId"/> in the hidden set of <paramref name="competitionId"/>,
    /// making and caching it first when needed; null when the competition has no such image or it cannot be read or decoded.
    /// </summary>
    public async Task<Stream?> OpenAsync(int competitionId, string imageId, int size = DefaultSize, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(imageId);
        if (await hiddenSets.GetAsync(competitionId) is not { } hidden
            || !hidden.Truth.Images.TryGetPosition(imageId, out var position))
        {
            return null;
        }

        // The id as the hidden set holds it, never the raw input; and only a plain file name, so no path can leave its folder.
        var id = hidden.Truth.Images[position];
        if (!ImageFileName.IsPlain(id))
        {
            return null;
        }

        var path = CachePath(hidden.ImagesKey, size, id);
        if (File.Exists(path))
        {
            return new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read | FileShare.Delete, 1 << 16, useAsync: true);
        }

        byte[] thumbnail;
        try
        {
            var encoded = await HiddenImages.Of(storage, hidden).ReadAsync(position, cancellationToken);
            thumbnail = ThumbnailMaker.Make(encoded, size, name: id, maxPixels: options.Value.MaxImagePixels);
        }
        catch (InvalidDataException e)
        {
            LogUnreadable(competitionId, id, e.Message);
            return null;
        }

        // Written whole beside it, then moved: a reader never sees half a thumbnail, and two makers racing both write whole ones.
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        var temporary = $"{path}.{Guid.NewGuid():N}.tmp";
        await File.WriteAllBytesAsync(temporary, thumbnail, cancellationToken);
        File.Move(temporary, path, overwrite: true);
        return new MemoryStream(thumbnail, writable: false);
    }

    /// <summary>Drops this machine's thumbnails of the set stored under <paramref name="imagesKey"/> (after it was replaced).</summary>
    public void Forget(string imagesKey)
    {
        var folder = SetFolder(imagesKey);
        if (Directory.Exists(folder))
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    private string SetFolder(string imagesKey) =>
        Path.Combine(caches.Thumbnails, StorageKey.Check(imagesKey, nameof(imagesKey)).Replace('/', Path.DirectorySeparatorChar));

    [LoggerMessage(Level = LogLevel.Warning, Message = "No thumbnail for image '{ImageId}' of competition {CompetitionId}: {Reason}")]
    private partial void LogUnreadable(int competitionId, string imageId, string reason);
}
