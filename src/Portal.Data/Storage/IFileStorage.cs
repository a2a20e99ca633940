namespace Portal.Data.Storage;

/// <summary>
/// Where uploaded and derived files live (hidden sets, submissions, probability blobs). Local disk
/// by default; shared storage when several web instances or workers serve one competition.
/// Keys are relative paths with '/' separators.
/// </summary>
public interface IFileStorage
{
    /// <summary>Stores <paramref name="content"/> under <paramref name="key"/>: written to a temporary file, then moved, so a crash never leaves half a file.</summary>
    Task<long> SaveAsync(string key, Stream content, CancellationToken cancellationToken = default);

    /// <summary>Moves an already-written local file into storage under <paramref name="key"/>.</summary>
    Task<long> ImportAsync(string key, string localFile, CancellationToken cancellationToken = default);

    /// <summary>Opens a stored file for reading.</summary>
    Stream OpenRead(string key);

    /// <summary>Whether a file exists under <paramref name="key"/>.</summary>
    bool Exists(string key);

    /// <summary>Deletes a file (no error when it does not exist).</summary>
    void Delete(string key);

    /// <summary>The local path of a key, for readers that need a file or folder on disk (image folders).</summary>
    string LocalPath(string key);
}
