using System.Globalization;
using Portal.Data.Storage;
using Portal.Inference.Cache;

namespace Portal.Application.Competitions;

/// <summary>
/// Where a hidden set's images are stored: one key per image, <c>{ImagesKey}/{imageId}</c>, under a prefix of their
/// own for each import, so a replaced set never shares a key (nor a cache entry keyed by it) with the one before.
/// </summary>
public static class HiddenImages
{
    /// <summary>A fresh images prefix for an import into competition <paramref name="competitionId"/>.</summary>
    public static string NewPrefix(int competitionId) =>
        string.Create(CultureInfo.InvariantCulture, $"hidden/{competitionId}/{Guid.NewGuid():N}");

    /// <summary>The storage key of image <paramref name="imageId"/> (a plain file name) of the set stored under <paramref name="imagesKey"/>.</summary>
    public static string Key(string imagesKey, string imageId) => $"{imagesKey}/{imageId}";

    /// <summary>The images of <paramref name="hidden"/>, in hidden-set order, each read from storage as a stream.</summary>
    public static EncodedImages Of(IFileStorage storage, LoadedHiddenSet hidden)
    {
        ArgumentNullException.ThrowIfNull(storage);
        ArgumentNullException.ThrowIfNull(hidden);
        return new EncodedImages(hidden.Truth.Images.Ids, (id, cancellationToken) => storage.OpenReadAsync(Key(hidden.ImagesKey, id), cancellationToken));
    }
}
