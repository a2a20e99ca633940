namespace Portal.Data.Storage;

/// <summary>
/// Where uploaded and derived files live (hidden-set images, submissions, probability blobs): a local folder by default,
/// shared storage when several web instances or workers serve one competition, so callers only ever see keys and
/// streams, never a path. A key is a relative path with '/' separators (<see cref="StorageKey"/> says which are valid);
/// a prefix is a key's folder, such as <c>submissions/3</c>, and names every key under it at any depth. Sizes are in
/// bytes. An invalid key or prefix is an <see cref="ArgumentException"/> in every method.
/// </summary>
public interface IFileStorage
{
    /// <summary>
    /// Stores <paramref name="content"/> (read to its end) under <paramref name="key"/>, replacing what was there: a reader
    /// sees the old file or the whole new one, never part of either, and a crash while writing leaves the old one.
    /// </summary>
    /// <returns>The bytes stored.</returns>
    Task<long> SaveAsync(string key, Stream content, CancellationToken cancellationToken = default);

    /// <summary>
    /// Takes an already-written local file (a <see cref="ITemporaryFiles"/> file) into storage under <paramref name="key"/>,
    /// as <see cref="SaveAsync"/> would store its bytes; the local file is gone afterwards (moved on a local disk, copied
    /// and deleted elsewhere).
    /// </summary>
    /// <returns>The bytes stored.</returns>
    /// <exception cref="FileNotFoundException"><paramref name="localFile"/> does not exist.</exception>
    Task<long> ImportAsync(string key, string localFile, CancellationToken cancellationToken = default);

    /// <summary>Opens the file stored under <paramref name="key"/> for reading, from its start.</summary>
    /// <exception cref="FileNotFoundException">Nothing is stored under <paramref name="key"/>.</exception>
    Task<Stream> OpenReadAsync(string key, CancellationToken cancellationToken = default);

    /// <summary>Whether a file is stored under <paramref name="key"/> (a prefix with files under it is not a file).</summary>
    Task<bool> ExistsAsync(string key, CancellationToken cancellationToken = default);

    /// <summary>The size in bytes of the file stored under <paramref name="key"/>.</summary>
    /// <exception cref="FileNotFoundException">Nothing is stored under <paramref name="key"/>.</exception>
    Task<long> SizeAsync(string key, CancellationToken cancellationToken = default);

    /// <summary>Deletes the file stored under <paramref name="key"/>; false, and no error, when there was none.</summary>
    Task<bool> DeleteAsync(string key, CancellationToken cancellationToken = default);

    /// <summary>Deletes every file under <paramref name="prefix"/> (at any depth); how many it deleted, 0 when there were none.</summary>
    Task<int> DeletePrefixAsync(string prefix, CancellationToken cancellationToken = default);

    /// <summary>The files under <paramref name="prefix"/> (at any depth), in no set order; none when there are none.</summary>
    IAsyncEnumerable<StoredFile> ListAsync(string prefix, CancellationToken cancellationToken = default);
}
