using System.Buffers.Binary;

namespace Portal.Inference.Cache;

/// <summary>
/// The fixed 64-byte start of a cache file, little-endian: magic "PORTALPX", format version, image count, width,
/// height, channels, a reserved int, then the SHA-256 of the cache key, so a file renamed or reused by mistake is
/// never trusted. The pixels follow: count x height x width x 3 bytes.
/// </summary>
internal readonly record struct CacheFileHeader(int Count, int Width, int Height, byte[] KeyHash)
{
    public const int Size = 64;
    public const int FormatVersion = 1;
    public const int Channels = 3;

    // Field offsets: the magic takes the first 8 bytes, then six 32-bit ints.
    private const int VersionOffset = 8;
    private const int CountOffset = 12;
    private const int WidthOffset = 16;
    private const int HeightOffset = 20;
    private const int ChannelsOffset = 24;
    private const int KeyHashOffset = 32;
    private const int KeyHashLength = 32;
    private static ReadOnlySpan<byte> Magic => "PORTALPX"u8;

    /// <summary>Bytes of one image.</summary>
    public long ImageBytes => (long)Width * Height * Channels;

    /// <summary>The whole file's length.</summary>
    public long FileLength => Size + (Count * ImageBytes);

    public void Write(Span<byte> destination)
    {
        destination[..Size].Clear();
        Magic.CopyTo(destination);
        BinaryPrimitives.WriteInt32LittleEndian(destination[VersionOffset..], FormatVersion);
        BinaryPrimitives.WriteInt32LittleEndian(destination[CountOffset..], Count);
        BinaryPrimitives.WriteInt32LittleEndian(destination[WidthOffset..], Width);
        BinaryPrimitives.WriteInt32LittleEndian(destination[HeightOffset..], Height);
        BinaryPrimitives.WriteInt32LittleEndian(destination[ChannelsOffset..], Channels);
        KeyHash.CopyTo(destination[KeyHashOffset..]);
    }

    /// <summary>The header at the start of <paramref name="source"/>, or null when it is not one of this format.</summary>
    public static CacheFileHeader? Read(ReadOnlySpan<byte> source)
    {
        if (source.Length < Size || !source[..Magic.Length].SequenceEqual(Magic)
            || BinaryPrimitives.ReadInt32LittleEndian(source[VersionOffset..]) != FormatVersion
            || BinaryPrimitives.ReadInt32LittleEndian(source[ChannelsOffset..]) != Channels)
        {
            return null;
        }

        var header = new CacheFileHeader(
            BinaryPrimitives.ReadInt32LittleEndian(source[CountOffset..]),
            BinaryPrimitives.ReadInt32LittleEndian(source[WidthOffset..]),
            BinaryPrimitives.ReadInt32LittleEndian(source[HeightOffset..]),
            source.Slice(KeyHashOffset, KeyHashLength).ToArray());
        return header.Count > 0 && header.Width > 0 && header.Height > 0 ? header : null;
    }

    /// <summary>Whether <paramref name="source"/> is the header this one describes (same version, size and key).</summary>
    public bool Matches(ReadOnlySpan<byte> source) =>
        source.Length >= Size
        && source[..Magic.Length].SequenceEqual(Magic)
        && BinaryPrimitives.ReadInt32LittleEndian(source[VersionOffset..]) == FormatVersion
        && BinaryPrimitives.ReadInt32LittleEndian(source[CountOffset..]) == Count
        && BinaryPrimitives.ReadInt32LittleEndian(source[WidthOffset..]) == Width
        && BinaryPrimitives.ReadInt32LittleEndian(source[HeightOffset..]) == Height
        && BinaryPrimitives.ReadInt32LittleEndian(source[ChannelsOffset..]) == Channels
        && source.Slice(KeyHashOffset, KeyHashLength).SequenceEqual(KeyHash);
}
