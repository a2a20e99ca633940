namespace Portal.Core.Submissions;

/// <summary>The column names of the file formats, matched ignoring case and surrounding spaces.</summary>
internal static class HeaderNames
{
    public const string ImageId = "ImageID";
    public const string Answer = "ans";

    public static bool Is(ReadOnlySpan<byte> field, string name) =>
        System.Text.Ascii.EqualsIgnoreCase(field, name);

    /// <summary>Whether a field looks like an image file name rather than a column name.</summary>
    public static bool LooksLikeImageFile(ReadOnlySpan<byte> field) =>
        field.EndsWith(".jpg"u8) || field.EndsWith(".jpeg"u8) || field.EndsWith(".png"u8) ||
        field.EndsWith(".JPG"u8) || field.EndsWith(".JPEG"u8) || field.EndsWith(".PNG"u8);
}
