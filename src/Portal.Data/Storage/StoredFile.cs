namespace Portal.Data.Storage;

/// <summary>A file listed by <see cref="IFileStorage.ListAsync"/>.</summary>
/// <param name="Key">Its full key.</param>
/// <param name="Length">Its size, in bytes.</param>
/// <param name="LastWriteUtc">When it was last written (UTC).</param>
public sealed record StoredFile(string Key, long Length, DateTime LastWriteUtc);
