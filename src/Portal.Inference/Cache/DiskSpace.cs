namespace Portal.Inference.Cache;

/// <summary>Free space on the disk that holds a folder.</summary>
public static class DiskSpace
{
    /// <summary>
    /// The bytes free to this process on the disk of <paramref name="folder"/> (or of its nearest existing parent when it
    /// does not exist yet); null when the disk cannot be asked (an unusual mount), so the caller goes ahead.
    /// </summary>
    public static long? AvailableBytes(string folder)
    {
        try
        {
            var path = Path.GetFullPath(folder);
            while (!Directory.Exists(path) && Path.GetDirectoryName(path) is { } parent)
            {
                path = parent;
            }

            return new DriveInfo(path).AvailableFreeSpace;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or ArgumentException)
        {
            return null;
        }
    }
}
