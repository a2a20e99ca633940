namespace Portal.Web.Uploads;

/// <summary>A file a signed-in browser sent ahead of its form, kept in a temporary file until the form takes it or it expires.</summary>
/// <param name="Id">The random id the browser names it by.</param>
/// <param name="FileName">The name the browser gave.</param>
/// <param name="Length">Its size in bytes.</param>
/// <param name="Path">The temporary file.</param>
public sealed record StagedUpload(string Id, string FileName, long Length, string Path)
{
    /// <summary>Opens the kept bytes.</summary>
    public Stream Open() => new FileStream(Path, FileMode.Open, FileAccess.Read, FileShare.Read, 1 << 16, useAsync: true);
}
