using System.Buffers;

namespace Portal.Core.Submissions;

/// <summary>
/// A hidden set's image id is the name of its file in the set's folder: a plain file name, never a path. One rule for
/// the truth reader (info.csv is refused otherwise) and for everything that opens an image by its id.
/// </summary>
public static class ImageFileName
{
    private static readonly char[] Forbidden = ['/', '\\', ':', '\0'];

    // The same characters as UTF-8: all ASCII, so no byte of another character's encoding can match them.
    private static readonly SearchValues<byte> ForbiddenUtf8 = SearchValues.Create("/\\:\0"u8);

    /// <summary>Whether <paramref name="id"/> is a plain file name: not empty, not "." or "..", no folder separators, colons or NUL.</summary>
    public static bool IsPlain(string id) =>
        !string.IsNullOrEmpty(id) && id is not ("." or "..") && id.IndexOfAny(Forbidden) < 0;

    /// <summary>Whether the UTF-8 id <paramref name="utf8"/> is a plain file name (see <see cref="IsPlain(string)"/>).</summary>
    internal static bool IsPlain(ReadOnlySpan<byte> utf8) =>
        !utf8.IsEmpty && !utf8.SequenceEqual("."u8) && !utf8.SequenceEqual(".."u8) && utf8.IndexOfAny(ForbiddenUtf8) < 0;

    /// <summary>Why <paramref name="id"/> is refused, as a sentence.</summary>
    public static string Problem(string id) =>
        $"'{id}' is not a plain file name: an image id names a file of the hidden set, without folders ('/', '\\') or '..'.";
}
