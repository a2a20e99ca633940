using System.Collections.Concurrent;
using System.Security.Cryptography;
using Portal.Data.Storage;

namespace Portal.Web.Uploads;

/// <summary>
/// Files a signed-in browser sends over plain HTTP before it submits the form that uses them (model files of hundreds of
/// MB, with progress in the browser, instead of through the Blazor circuit). Each is its uploader's only, kept in this
/// machine's scratch folder for at most <see cref="Lifetime"/>, and a user holds at most <paramref name="maxBytesPerUser"/>
/// at once, so staging cannot fill the disk. Taken files are deleted when the form is done with them.
/// </summary>
public sealed class StagedUploads(TimeProvider time, long maxBytesPerUser)
{
    /// <summary>How long a file waits for its form.</summary>
    public static readonly TimeSpan Lifetime = TimeSpan.FromHours(1);

    private readonly ConcurrentDictionary<string, Entry> _entries = new(StringComparer.Ordinal);

    /// <summary>The most a user may have staged at once, in bytes.</summary>
    public long MaxBytesPerUser => maxBytesPerUser;

    /// <summary>Bytes <paramref name="userId"/> has staged now.</summary>
    public long StagedBytes(string userId)
    {
        Expire();
        return _entries.Values.Where(e => e.UserId == userId).Sum(e => e.Upload.Length);
    }

    /// <summary>
    /// Keeps <paramref name="file"/> (now owned here) for <paramref name="userId"/>; its id. The name is kept as given
    /// (a training run's file keeps its folders, "fold_0/events.out.tfevents.1"): a label, never a path on the server.
    /// </summary>
    public StagedUpload Add(string userId, string fileName, long length, TemporaryFile file)
    {
        ArgumentNullException.ThrowIfNull(file);
        Expire();
        var id = Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(16));
        var upload = new StagedUpload(id, fileName, length, file.Path);
        _entries[id] = new Entry(userId, upload, file, time.GetUtcNow());
        return upload;
    }

    /// <summary>The staged file <paramref name="id"/> of <paramref name="userId"/>; null when it is not theirs, expired or taken.</summary>
    public StagedUpload? Find(string id, string? userId)
    {
        Expire();
        return userId is not null && _entries.TryGetValue(id ?? "", out var entry) && entry.UserId == userId ? entry.Upload : null;
    }

    /// <summary>Deletes the staged file (after its form used it, or when the browser drops it).</summary>
    public void Remove(string id, string? userId)
    {
        if (Find(id, userId) is not null && _entries.TryRemove(id, out var entry))
        {
            entry.File.Dispose();
        }
    }

    private void Expire()
    {
        var cutoff = time.GetUtcNow() - Lifetime;
        foreach (var (id, entry) in _entries)
        {
            if (entry.StagedAt < cutoff && _entries.TryRemove(id, out _))
            {
                entry.File.Dispose();
            }
        }
    }

    private sealed record Entry(string UserId, StagedUpload Upload, TemporaryFile File, DateTimeOffset StagedAt);
}
