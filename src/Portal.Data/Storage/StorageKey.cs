namespace Portal.Data.Storage;

/// <summary>
/// The one rule for storage keys and prefixes, for every <see cref="IFileStorage"/>: relative, '/'-separated, with no
/// empty, "." or ".." segment and no backslash, colon or NUL, so that a key never leaves its storage whatever stores it.
/// </summary>
public static class StorageKey
{
    private static readonly char[] Forbidden = ['\\', ':', '\0'];

    /// <summary>Returns <paramref name="key"/> when it is a valid key.</summary>
    /// <exception cref="ArgumentException">It is not; the message says why.</exception>
    public static string Check(string key, string parameter = "key")
    {
        ArgumentException.ThrowIfNullOrEmpty(key, parameter);
        if (key.IndexOfAny(Forbidden) >= 0 || key.Split('/').Any(s => s is "" or "." or ".."))
        {
            throw new ArgumentException($"'{key}' is not a storage key: segments separated by '/', none empty, '.' or '..', no '\\', ':' or NUL.", parameter);
        }

        return key;
    }

    /// <summary>Returns <paramref name="prefix"/>, without a trailing '/', when it is a valid prefix (the same rule as a key).</summary>
    /// <exception cref="ArgumentException">It is not.</exception>
    public static string CheckPrefix(string prefix) =>
        Check(prefix is { Length: > 1 } && prefix[^1] == '/' ? prefix[..^1] : prefix, nameof(prefix));

    /// <summary>Whether <paramref name="key"/> lies under <paramref name="prefix"/> (checked by <see cref="CheckPrefix"/>).</summary>
    public static bool IsUnder(string key, string prefix) =>
        key.Length > prefix.Length && key[prefix.Length] == '/' && key.StartsWith(prefix, StringComparison.Ordinal);
}
