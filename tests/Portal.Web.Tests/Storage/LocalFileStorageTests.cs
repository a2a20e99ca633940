using Portal.Data.Storage;

namespace Portal.Web.Tests.Storage;

/// <summary>The storage contract held by <see cref="LocalFileStorage"/>, and what it adds: its staging folder is its own.</summary>
public sealed class LocalFileStorageTests : FileStorageContract
{
    private readonly string _root = Path.Combine(Path.GetTempPath(), "portal-storage-tests", "root-" + Guid.NewGuid().ToString("N"));
    private readonly LocalFileStorage _storage;

    public LocalFileStorageTests() => _storage = new LocalFileStorage(_root);

    protected override IFileStorage Storage => _storage;

    public override void Dispose()
    {
        Directory.Delete(_root, recursive: true);
        base.Dispose();
    }

    [Fact]
    public async Task Save_ContentFails_LeavesNoStagingFileBehind()
    {
        await Assert.ThrowsAnyAsync<Exception>(() => _storage.SaveAsync("a/b", new ThrowingStream(), Ct));

        Assert.Empty(Directory.GetFiles(Path.Combine(_root, LocalFileStorage.StagingFolder)));
    }

    [Theory]
    [InlineData(LocalFileStorage.StagingFolder)]
    [InlineData(LocalFileStorage.StagingFolder + "/x")]
    public async Task StagingFolder_IsNoKey(string key)
    {
        await Assert.ThrowsAsync<ArgumentException>(() => _storage.SaveAsync(key, new MemoryStream([1]), Ct));
        await Assert.ThrowsAsync<ArgumentException>(() => _storage.DeletePrefixAsync(key, Ct));
    }

    private sealed class ThrowingStream : MemoryStream
    {
        public override ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default) =>
            throw new IOException("The connection was reset.");
    }
}
