namespace Portal.Data.Storage;

/// <summary>
/// Scratch files on this machine's own disk, under the data directory, for what must be a real file for a while: an
/// upload being checked, a zip being unpacked, models being zipped. Not storage: another machine never sees them, and a
/// file that is to be kept goes into storage with <see cref="IFileStorage.ImportAsync"/>. Each file or folder is deleted
/// when disposed; what a killed process left behind is deleted at the next start (<see cref="DeleteOlderThan"/>).
/// </summary>
public interface ITemporaryFiles
{
    /// <summary>The scratch folder (absolute).</summary>
    string Folder { get; }

    /// <summary>A fresh path in the scratch folder, not yet created (write it with <see cref="FileMode.CreateNew"/>).</summary>
    /// <param name="extension">Added to the name, such as ".zip"; none when empty.</param>
    TemporaryFile CreateFile(string extension = "");

    /// <summary>A fresh, empty folder in the scratch folder.</summary>
    TemporaryFolder CreateFolder();

    /// <summary>
    /// Deletes the files and folders of the scratch folder last written before <paramref name="beforeUtc"/> (a folder
    /// counts as written when anything in it was); how many it deleted. One it cannot delete is left for the next time.
    /// </summary>
    int DeleteOlderThan(DateTime beforeUtc);
}
