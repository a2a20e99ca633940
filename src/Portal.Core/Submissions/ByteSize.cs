using System.Globalization;

namespace Portal.Core.Submissions;

/// <summary>File sizes as people read them in messages ("1.5 MiB").</summary>
public static class ByteSize
{
    /// <summary><paramref name="bytes"/> in bytes, KiB, MiB or GiB, one decimal at most.</summary>
    public static string Format(long bytes) => bytes switch
    {
        >= 1024L * 1024 * 1024 => string.Create(CultureInfo.InvariantCulture, $"{bytes / (1024.0 * 1024.0 * 1024.0):0.#} GiB"),
        >= 1024 * 1024 => string.Create(CultureInfo.InvariantCulture, $"{bytes / (1024.0 * 1024.0):0.#} MiB"),
        >= 1024 => string.Create(CultureInfo.InvariantCulture, $"{bytes / 1024.0:0.#} KiB"),
        _ => string.Create(CultureInfo.InvariantCulture, $"{bytes} bytes"),
    };
}
