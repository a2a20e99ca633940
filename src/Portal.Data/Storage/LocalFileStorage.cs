namespace Portal.Data.Storage;

/// <summary>File storage in a folder on this machine.</summary>
public sealed class LocalFileStorage : IFileStorage
{
    private readonly string _root;

    public LocalFileStorage(string root)
    {
        _root = Path.GetFullPath(root);
        Directory.CreateDirectory(_root);
        Directory.CreateDirectory(Path.Combine(_root, ".tmp"));
    }

    public async Task<long> SaveAsync(string key, Stream content, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(content);
        var temporary = TemporaryPath();
        try
        {
            await using (var file = new FileStream(temporary, FileMode.CreateNew, FileAccess.Write, FileShare.None, 1 << 16, useAsync: true))
            {
                await content.CopyToAsync(file, cancellationToken).ConfigureAwait(false);
                await file.FlushAsync(cancellationToken).ConfigureAwait(false);
            }

            return await ImportAsync(key, temporary, cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            File.Delete(temporary);
        }
    }

    public Task<long> ImportAsync(string key, string localFile, CancellationToken cancellationToken = default)
    {
        var target = LocalPath(key);
        Directory.CreateDirectory(Path.GetDirectoryName(target)!);
        File.Move(localFile, target, overwrite: true);
        return Task.FromResult(new FileInfo(target).Length);
    }

    public Stream OpenRead(string key) =>
        new FileStream(LocalPath(key), FileMode.Open, FileAccess.Read, FileShare.Read, 1 << 16, useAsync: true);

    public bool Exists(string key) => File.Exists(LocalPath(key)) || Directory.Exists(LocalPath(key));

    public void Delete(string key)
    {
        var path = LocalPath(key);
        if (File.Exists(path))
        {
            File.Delete(path);
        }
    }

    public string LocalPath(string key)
    {
        ArgumentException.ThrowIfNullOrEmpty(key);
        var path = Path.GetFullPath(Path.Combine(_root, key));
        if (!path.StartsWith(_root + Path.DirectorySeparatorChar, StringComparison.Ordinal))
        {
            throw new ArgumentException($"Storage key '{key}' points outside the storage folder.", nameof(key));
        }

        return path;
    }

    /// <summary>A fresh temporary file inside the storage folder, so the final move stays on one file system.</summary>
    public string TemporaryPath() => Path.Combine(_root, ".tmp", Guid.NewGuid().ToString("N"));
}
