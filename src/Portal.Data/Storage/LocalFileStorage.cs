using System.Runtime.CompilerServices;

namespace Portal.Data.Storage;

/// <summary>
/// File storage in a folder on this machine. Every write goes to a staging file inside the folder (so on the same file
/// system) and is then renamed into place, which is atomic: a reader never sees half a file.
/// </summary>
public sealed class LocalFileStorage : IFileStorage
{
    /// <summary>The folder, inside the root, of files being written; never a key's first segment.</summary>
    public const string StagingFolder = ".tmp";

    // A staging file this old is a crashed write's leftover, not one in progress: writes take seconds.
    private static readonly TimeSpan StaleStagingAge = TimeSpan.FromDays(1);

    private readonly string _root;
    private readonly string _staging;

    /// <param name="root">The folder (created when missing).</param>
    public LocalFileStorage(string root)
    {
        _root = Path.GetFullPath(root);
        _staging = Path.Combine(_root, StagingFolder);
        Directory.CreateDirectory(_staging);
        RemoveStaleStagingFiles();
    }

    public async Task<long> SaveAsync(string key, Stream content, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(content);
        var target = PathOf(key);
        var staged = NewStagingPath();
        try
        {
            await using (var file = new FileStream(staged, FileMode.CreateNew, FileAccess.Write, FileShare.None, 1 << 16, useAsync: true))
            {
                await content.CopyToAsync(file, cancellationToken).ConfigureAwait(false);
                await file.FlushAsync(cancellationToken).ConfigureAwait(false);
            }

            return Publish(staged, target);
        }
        finally
        {
            File.Delete(staged);
        }
    }

    public Task<long> ImportAsync(string key, string localFile, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(localFile);
        var target = PathOf(key);
        if (!File.Exists(localFile))
        {
            throw new FileNotFoundException($"There is no file '{localFile}' to import.", localFile);
        }

        // Staged first: from another file system the move is a copy, and a copy straight into place could be seen half done.
        var staged = NewStagingPath();
        try
        {
            File.Move(localFile, staged);
            return Task.FromResult(Publish(staged, target));
        }
        finally
        {
            File.Delete(staged);
        }
    }

    public Task<Stream> OpenReadAsync(string key, CancellationToken cancellationToken = default)
    {
        var path = PathOf(key);
        try
        {
            return Task.FromResult<Stream>(new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read | FileShare.Delete, 1 << 16, useAsync: true));
        }
        catch (DirectoryNotFoundException e)
        {
            throw Missing(key, e);
        }
        catch (FileNotFoundException e)
        {
            throw Missing(key, e);
        }
        catch (UnauthorizedAccessException e) when (Directory.Exists(path))
        {
            // A folder of keys, not a file.
            throw Missing(key, e);
        }
    }

    public Task<bool> ExistsAsync(string key, CancellationToken cancellationToken = default) => Task.FromResult(File.Exists(PathOf(key)));

    public Task<long> SizeAsync(string key, CancellationToken cancellationToken = default)
    {
        var file = new FileInfo(PathOf(key));
        return file.Exists ? Task.FromResult(file.Length) : throw Missing(key, null);
    }

    public Task<bool> DeleteAsync(string key, CancellationToken cancellationToken = default)
    {
        var path = PathOf(key);
        if (!File.Exists(path))
        {
            return Task.FromResult(false);
        }

        File.Delete(path);
        return Task.FromResult(true);
    }

    public Task<int> DeletePrefixAsync(string prefix, CancellationToken cancellationToken = default)
    {
        var folder = PathOf(StorageKey.CheckPrefix(prefix));
        if (!Directory.Exists(folder))
        {
            return Task.FromResult(0);
        }

        var count = Directory.EnumerateFiles(folder, "*", SearchOption.AllDirectories).Count();
        Directory.Delete(folder, recursive: true);
        return Task.FromResult(count);
    }

    public async IAsyncEnumerable<StoredFile> ListAsync(string prefix, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        prefix = StorageKey.CheckPrefix(prefix);
        var folder = PathOf(prefix);
        if (!Directory.Exists(folder))
        {
            yield break;
        }

        foreach (var path in Directory.EnumerateFiles(folder, "*", SearchOption.AllDirectories))
        {
            cancellationToken.ThrowIfCancellationRequested();
            var file = new FileInfo(path);
            if (file.Exists)
            {
                yield return new StoredFile(prefix + "/" + Path.GetRelativePath(folder, path).Replace(Path.DirectorySeparatorChar, '/'), file.Length, file.LastWriteTimeUtc);
            }
        }

        await Task.CompletedTask.ConfigureAwait(false);
    }

    /// <summary>The file of a key: checked by <see cref="StorageKey"/>, and never inside the staging folder.</summary>
    private string PathOf(string key)
    {
        StorageKey.Check(key);
        if (key == StagingFolder || key.StartsWith(StagingFolder + "/", StringComparison.Ordinal))
        {
            throw new ArgumentException($"'{key}' is in the storage's own staging folder.", nameof(key));
        }

        return Path.Combine(_root, key.Replace('/', Path.DirectorySeparatorChar));
    }

    private string NewStagingPath() => Path.Combine(_staging, Guid.NewGuid().ToString("N"));

    /// <summary>Renames a complete staging file into place (atomic: one file system); its size.</summary>
    private static long Publish(string staged, string target)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(target)!);
        var length = new FileInfo(staged).Length;
        File.Move(staged, target, overwrite: true);
        return length;
    }

    private static FileNotFoundException Missing(string key, Exception? inner) => new($"Nothing is stored under '{key}'.", key, inner);

    private void RemoveStaleStagingFiles()
    {
        foreach (var file in Directory.EnumerateFiles(_staging))
        {
            try
            {
                if (DateTime.UtcNow - File.GetLastWriteTimeUtc(file) > StaleStagingAge)
                {
                    File.Delete(file);
                }
            }
            catch (IOException)
            {
                // Taken by another process meanwhile: not ours to worry about.
            }
        }
    }
}
