namespace Portal.Web.Api;

/// <summary>One file of a submission form, kept in a temporary file until the submission is taken or refused.</summary>
/// <param name="FileName">The name the sender gave.</param>
/// <param name="Length">Its size; null when it was cut off one byte past its limit (the rest was never read).</param>
/// <param name="Path">The temporary file.</param>
public sealed record UploadedFile(string FileName, long? Length, string Path)
{
    /// <summary>Opens the kept bytes.</summary>
    public Stream Open() => new FileStream(Path, FileMode.Open, FileAccess.Read, FileShare.Read, 1 << 16, useAsync: true);
}
