using System.Collections.Concurrent;
using System.Runtime.CompilerServices;
using Portal.Data.Storage;

namespace Portal.Web.Tests.Support;

/// <summary>
/// Storage with no disk at all: each file is an array of bytes in a dictionary. Registered instead of
/// <see cref="LocalFileStorage"/>, it shows that a feature needs nothing but <see cref="IFileStorage"/>'s keys and
/// streams, as shared storage will offer.
/// </summary>
public sealed class InMemoryFileStorage : IFileStorage
{
    private readonly ConcurrentDictionary<string, Entry> _files = new(StringComparer.Ordinal);

    public async Task<long> SaveAsync(string key, Stream content, CancellationToken cancellationToken = default)
    {
        StorageKey.Check(key);
        ArgumentNullException.ThrowIfNull(content);
        using var buffer = new MemoryStream();
        await content.CopyToAsync(buffer, cancellationToken);
        // One assignment: a reader has the old array or the new one, never part of either.
        _files[key] = new Entry(buffer.ToArray(), DateTime.UtcNow);
        return buffer.Length;
    }

    public async Task<long> ImportAsync(string key, string localFile, CancellationToken cancellationToken = default)
    {
        StorageKey.Check(key);
        if (!File.Exists(localFile))
        {
            throw new FileNotFoundException($"There is no file '{localFile}' to import.", localFile);
        }

        // Not a local disk: a copy, then the local file deleted.
        var bytes = await File.ReadAllBytesAsync(localFile, cancellationToken);
        _files[key] = new Entry(bytes, DateTime.UtcNow);
        File.Delete(localFile);
        return bytes.Length;
    }

    public Task<Stream> OpenReadAsync(string key, CancellationToken cancellationToken = default) =>
        Task.FromResult<Stream>(new MemoryStream(Find(key).Bytes, writable: false));

    public Task<bool> ExistsAsync(string key, CancellationToken cancellationToken = default) =>
        Task.FromResult(_files.ContainsKey(StorageKey.Check(key)));

    public Task<long> SizeAsync(string key, CancellationToken cancellationToken = default) => Task.FromResult<long>(Find(key).Bytes.Length);

    public Task<bool> DeleteAsync(string key, CancellationToken cancellationToken = default) =>
        Task.FromResult(_files.TryRemove(StorageKey.Check(key), out _));

    public Task<int> DeletePrefixAsync(string prefix, CancellationToken cancellationToken = default)
    {
        prefix = StorageKey.CheckPrefix(prefix);
        return Task.FromResult(_files.Keys.Where(k => StorageKey.IsUnder(k, prefix)).Count(k => _files.TryRemove(k, out _)));
    }

    public async IAsyncEnumerable<StoredFile> ListAsync(string prefix, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        prefix = StorageKey.CheckPrefix(prefix);
        foreach (var (key, entry) in _files.Where(f => StorageKey.IsUnder(f.Key, prefix)).ToList())
        {
            cancellationToken.ThrowIfCancellationRequested();
            yield return new StoredFile(key, entry.Bytes.Length, entry.WrittenUtc);
        }

        await Task.CompletedTask;
    }

    private Entry Find(string key) =>
        _files.TryGetValue(StorageKey.Check(key), out var entry) ? entry : throw new FileNotFoundException($"Nothing is stored under '{key}'.", key);

    private sealed record Entry(byte[] Bytes, DateTime WrittenUtc);
}
