namespace Portal.Data.Storage;

/// <summary>Scratch files in one folder on this machine (see <see cref="ITemporaryFiles"/>).</summary>
public sealed class TemporaryFiles : ITemporaryFiles
{
    /// <param name="folder">The scratch folder (created when missing), such as <c>tmp</c> under the data directory.</param>
    public TemporaryFiles(string folder)
    {
        Folder = Path.GetFullPath(folder);
        Directory.CreateDirectory(Folder);
    }

    public string Folder { get; }

    public TemporaryFile CreateFile(string extension = "") => new(NewPath() + extension);

    public TemporaryFolder CreateFolder()
    {
        var path = NewPath();
        Directory.CreateDirectory(path);
        return new TemporaryFolder(path);
    }

    public int DeleteOlderThan(DateTime beforeUtc)
    {
        var deleted = 0;
        foreach (var entry in new DirectoryInfo(Folder).EnumerateFileSystemInfos())
        {
            try
            {
                if (LastWriteUtc(entry) >= beforeUtc)
                {
                    continue;
                }

                if (entry is DirectoryInfo folder)
                {
                    folder.Delete(recursive: true);
                }
                else
                {
                    entry.Delete();
                }

                deleted++;
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                // Taken or removed by someone else meanwhile: the next start tries again.
            }
        }

        return deleted;
    }

    private string NewPath() => Path.Combine(Folder, Guid.NewGuid().ToString("N"));

    private static DateTime LastWriteUtc(FileSystemInfo entry) => entry is DirectoryInfo folder
        ? folder.EnumerateFileSystemInfos("*", SearchOption.AllDirectories).Select(e => e.LastWriteTimeUtc).Append(folder.LastWriteTimeUtc).Max()
        : entry.LastWriteTimeUtc;
}
