using Portal.Core.Submissions;
using Microsoft.Extensions.Options;
using System.Globalization;
using Portal.Data.Storage;
using Portal.Inference.Thumbnails;
using Portal.Application.Competitions;


namespace Portal.Application.Thumbnails;

/// <summary>
/// JPEG thumbnails of hidden-set images, made on first request and cached on disk under
/// <c>thumbs/{competitionId}/{size}/{imageId}.jpg</c>. Only images of the competition's hidden set are
/// served, found by exact match of the id; no label ever comes with them.
/// </summary>
public sealed partial class ThumbnailService(IFileStorage storage, HiddenSetCache hiddenSets, IOptions<PortalOptions> options, ILogger<ThumbnailService> logger)
{
    /// <summary>The longest edge of the thumbnails the site shows.</summary>
    public const int DefaultSize = ThumbnailMaker.DefaultMaxEdge;

    /// <summary>The storage key of a cached thumbnail.</summary>
    public static string CacheKey(int competitionId, int size, string imageId) =>
        string.Create(CultureInfo.InvariantCulture, $"thumbs/{competitionId}/{size}/{imageId}.jpg");

    /// <summary>The storage key of a competition's whole thumbnail cache (a folder).</summary>
    public static string CompetitionCacheKey(int competitionId) =>
        string.Create(CultureInfo.InvariantCulture, $"thumbs/{competitionId}");

    /// <summary>
    /// Opens the thumbnail of <paramref name="imageId"/> in the hidden set of <paramref name="competitionId"/>,
    /// making and caching it first when needed; null when the competition has no such image or it cannot be decoded.
    /// </summary>
    public async Task<Stream?> OpenAsync(int competitionId, string imageId, int size = DefaultSize, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(imageId);
        if (await hiddenSets.GetAsync(competitionId) is not { } hidden
            || !hidden.Truth.Images.TryGetPosition(imageId, out var position))
        {
            return null;
        }

        // The id as the hidden set holds it, never the raw input; and only a plain file name, so no key can leave its folder.
        var id = hidden.Truth.Images[position];
        if (!ImageFileName.IsPlain(id))
        {
            return null;
        }

        var key = CacheKey(competitionId, size, id);
        if (storage.Exists(key))
        {
            return storage.OpenRead(key);
        }

        var source = Path.Combine(storage.LocalPath(hidden.ImagesKey), id);
        byte[] thumbnail;
        try
        {
            var encoded = await File.ReadAllBytesAsync(source, cancellationToken);
            thumbnail = ThumbnailMaker.Make(encoded, size, name: id, maxPixels: options.Value.MaxImagePixels);
        }
        catch (Exception e) when (e is IOException or InvalidDataException or UnauthorizedAccessException)
        {
            LogUnreadable(competitionId, id, e.Message);
            return null;
        }

        // Written to a temporary file and moved: a reader never sees half a thumbnail, and two makers racing both write whole ones.
        await storage.SaveAsync(key, new MemoryStream(thumbnail, writable: false), cancellationToken);
        return new MemoryStream(thumbnail, writable: false);
    }

    /// <summary>Drops every cached thumbnail of a competition (after its hidden set was replaced).</summary>
    public void Invalidate(int competitionId)
    {
        var folder = storage.LocalPath(CompetitionCacheKey(competitionId));
        if (Directory.Exists(folder))
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "No thumbnail for image '{ImageId}' of competition {CompetitionId}: {Reason}")]
    private partial void LogUnreadable(int competitionId, string imageId, string reason);
}
