namespace Portal.Data.Storage;

/// <summary>A scratch folder of <see cref="ITemporaryFiles"/>, deleted with everything in it on dispose.</summary>
public sealed class TemporaryFolder(string path) : IDisposable
{
    /// <summary>Its absolute path.</summary>
    public string Path { get; } = path;

    public void Dispose()
    {
        if (Directory.Exists(Path))
        {
            Directory.Delete(Path, recursive: true);
        }
    }
}
