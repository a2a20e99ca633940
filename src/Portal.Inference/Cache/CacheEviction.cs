using System.Globalization;

namespace Portal.Inference.Cache;

/// <summary>
/// Keeps a decoded-image cache folder under its cap: least recently used files go first, and a file that any
/// process has open is never deleted.
/// </summary>
/// <remarks>
/// "In use" is the file lock .NET takes on Unix for every open (<c>flock</c>: shared for <see cref="DecodedImages"/>'
/// read-only, share-all opens, in the worker and in the sandboxed runner alike). Eviction opens a file with
/// <see cref="FileShare.None"/>, an exclusive non-blocking lock that fails while any reader holds it, and unlinks it
/// while holding that lock, so no reader can open it between the check and the delete. (Setting
/// <c>DOTNET_SYSTEM_IO_DISABLEFILELOCKING</c> turns these locks off and with them this protection.) "Last used" is the
/// file's access time, which <see cref="Touch"/> sets on every open, whatever the mount's atime policy.
/// </remarks>
internal static class CacheEviction
{
    /// <summary>Records a use of <paramref name="path"/> for least-recently-used eviction.</summary>
    public static void Touch(string path)
    {
        try
        {
            File.SetLastAccessTimeUtc(path, DateTime.UtcNow);
        }
        catch (IOException)
        {
            // Gone or locked by an eviction this instant: the use is not recorded, which only makes it an earlier candidate.
        }
        catch (UnauthorizedAccessException)
        {
        }
    }

    /// <summary>The complete files in <paramref name="folder"/>, least recently used first.</summary>
    public static List<CachedImageSet> Entries(string folder)
    {
        var entries = new List<CachedImageSet>();
        if (!Directory.Exists(folder))
        {
            return entries;
        }

        foreach (var file in new DirectoryInfo(folder).EnumerateFiles("*" + DecodedImageCache.FileExtension))
        {
            var (width, height) = SizeFromName(file.Name);
            entries.Add(new CachedImageSet(file.FullName, width, height, file.Length, file.LastAccessTimeUtc, IsInUse(file.FullName)));
        }

        entries.Sort((a, b) => a.LastUsedUtc.CompareTo(b.LastUsedUtc));
        return entries;
    }

    /// <summary>
    /// Deletes least recently used files not in use until <paramref name="needed"/> more bytes fit under
    /// <paramref name="maxBytes"/> with everything else in the folder (complete files and builds in progress); returns
    /// null when they fit, or why they cannot.
    /// </summary>
    public static string? MakeRoom(string folder, long maxBytes, long needed)
    {
        var used = Directory.Exists(folder)
            ? new DirectoryInfo(folder).EnumerateFiles().Where(IsCacheFile).Sum(f => f.Length)
            : 0;
        if (used + needed <= maxBytes)
        {
            return null;
        }

        foreach (var entry in Entries(folder))
        {
            if (TryDeleteUnused(entry.Path))
            {
                used -= entry.Bytes;
                if (used + needed <= maxBytes)
                {
                    return null;
                }
            }
        }

        return string.Create(CultureInfo.InvariantCulture,
            $"The decoded-image cache is full: this run needs {DecodedImageCache.Gib(needed)}, and the caches that runs are using now hold {DecodedImageCache.Gib(used)} of the server's {DecodedImageCache.Gib(maxBytes)} cap (Inference:MaxCacheBytes). Try again when they finish.");
    }

    /// <summary>Deletes the complete files in <paramref name="folder"/> that no process has open; the bytes freed.</summary>
    public static long DeleteUnused(string folder) =>
        Entries(folder).Where(entry => TryDeleteUnused(entry.Path)).Sum(entry => entry.Bytes);

    private static bool IsCacheFile(FileInfo file) =>
        file.Name.EndsWith(DecodedImageCache.FileExtension, StringComparison.Ordinal)
        || file.Name.EndsWith(DecodedImageCache.TemporaryExtension, StringComparison.Ordinal);

    private static bool IsInUse(string path)
    {
        try
        {
            using var exclusive = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.None);
            return false;
        }
        catch (FileNotFoundException)
        {
            return false;
        }
        catch (IOException)
        {
            return true;
        }
    }

    private static bool TryDeleteUnused(string path)
    {
        try
        {
            using var exclusive = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.None);
            File.Delete(path);
            return true;
        }
        catch (FileNotFoundException)
        {
            return false;
        }
        catch (IOException)
        {
            return false;
        }
        catch (UnauthorizedAccessException)
        {
            return false;
        }
    }

    /// <summary>The decoded size a file name carries (<c>224x224-....rgb</c>); zeros for a name of another form.</summary>
    private static (int Width, int Height) SizeFromName(string name)
    {
        var dash = name.IndexOf('-', StringComparison.Ordinal);
        var parts = dash > 0 ? name[..dash].Split('x') : [];
        return parts.Length == 2
            && int.TryParse(parts[0], NumberStyles.None, CultureInfo.InvariantCulture, out var w)
            && int.TryParse(parts[1], NumberStyles.None, CultureInfo.InvariantCulture, out var h)
            ? (w, h) : (0, 0);
    }
}
