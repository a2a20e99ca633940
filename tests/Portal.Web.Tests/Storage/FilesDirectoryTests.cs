using System.Text;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Portal.Application.Hosting;
using Portal.Data.Storage;
using Portal.Web.Tests.Support;

namespace Portal.Web.Tests.Storage;

/// <summary>
/// <c>Portal:FilesDirectory</c>, the scale-out layout: two processes with data directories of their own and one shared
/// storage folder see each other's stored files, and nothing is stored under either data directory.
/// </summary>
public sealed class FilesDirectoryTests : IDisposable
{
    private readonly string _root = PortalFactory.NewDataDirectory();

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Storage_WithFilesDirectory_IsSharedAcrossDataDirectories()
    {
        // Arrange
        var shared = Path.Combine(_root, "shared-files");
        using var first = Host(Path.Combine(_root, "web1"), shared);
        using var second = Host(Path.Combine(_root, "worker1"), shared);
        var written = first.Services.GetRequiredService<IFileStorage>();
        var read = second.Services.GetRequiredService<IFileStorage>();

        // Act
        await written.SaveAsync("submissions/1/file.csv", new MemoryStream(Encoding.UTF8.GetBytes("ImageID,ans\n")), Ct);
        await using var stream = await read.OpenReadAsync("submissions/1/file.csv", Ct);
        using var reader = new StreamReader(stream);

        // Assert
        Assert.Equal("ImageID,ans\n", await reader.ReadToEndAsync(Ct));
        Assert.True(File.Exists(Path.Combine(shared, "submissions", "1", "file.csv")));
        Assert.False(Directory.Exists(Path.Combine(_root, "web1", "files")));
        Assert.False(Directory.Exists(Path.Combine(_root, "worker1", "files")));
    }

    [Fact]
    public async Task Storage_WithoutFilesDirectory_IsFilesUnderTheDataDirectory()
    {
        // Arrange
        var data = Path.Combine(_root, "single");
        using var host = Host(data, filesDirectory: "");

        // Act
        await host.Services.GetRequiredService<IFileStorage>().SaveAsync("a/b.bin", new MemoryStream([1, 2, 3]), Ct);

        // Assert
        Assert.True(File.Exists(Path.Combine(data, "files", "a", "b.bin")));
    }

    public void Dispose() => PortalFactory.DeleteDataDirectory(_root);

    private static IHost Host(string dataDirectory, string filesDirectory)
    {
        var builder = Microsoft.Extensions.Hosting.Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { DisableDefaults = true, ContentRootPath = AppContext.BaseDirectory });
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Portal:DataDirectory"] = dataDirectory,
            ["Portal:FilesDirectory"] = filesDirectory,
        });
        builder.AddPortalData();
        return builder.Build();
    }
}
