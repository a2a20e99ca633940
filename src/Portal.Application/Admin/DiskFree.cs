namespace Portal.Application.Admin;

/// <summary>Free space on the disk of one of the server's folders.</summary>
/// <param name="Name">What the folder holds ("Stored files", "Caches", "Scratch").</param>
/// <param name="Folder">Its absolute path on this machine (shown to hosts only).</param>
/// <param name="FreeBytes">Bytes free to the server there, or null when the disk cannot be asked.</param>
public sealed record DiskFree(string Name, string Folder, long? FreeBytes);
