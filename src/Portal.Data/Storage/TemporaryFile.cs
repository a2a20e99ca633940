namespace Portal.Data.Storage;

/// <summary>A scratch file of <see cref="ITemporaryFiles"/>, deleted on dispose (no error when it was moved away or never written).</summary>
public sealed class TemporaryFile(string path) : IDisposable
{
    /// <summary>Its absolute path.</summary>
    public string Path { get; } = path;

    public void Dispose()
    {
        try
        {
            File.Delete(Path);
        }
        catch (DirectoryNotFoundException)
        {
            // The scratch folder itself is gone: so is the file.
        }
    }
}
