using System.Globalization;
using System.Security.Cryptography;
using System.Text;

namespace Portal.Inference.Cache;

/// <summary>Identities of image sets for <see cref="DecodedImageCache"/>.</summary>
public static class ImageSetKey
{
    /// <summary>
    /// A key that changes when any file changes: each full path with its size and last write time (UTC ticks),
    /// in order, hashed. Callers that know the set's identity (a hidden set id and version) can pass that instead,
    /// and skip the file system calls.
    /// </summary>
    public static string FromFiles(IReadOnlyList<string> paths)
    {
        ArgumentNullException.ThrowIfNull(paths);
        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        foreach (var path in paths)
        {
            var info = new FileInfo(path);
            var line = info.Exists
                ? string.Create(CultureInfo.InvariantCulture, $"{info.FullName}\t{info.Length}\t{info.LastWriteTimeUtc.Ticks}\n")
                : $"{info.FullName}\tmissing\n";
            hash.AppendData(Encoding.UTF8.GetBytes(line));
        }

        return "files:" + Convert.ToHexStringLower(hash.GetHashAndReset());
    }
}
