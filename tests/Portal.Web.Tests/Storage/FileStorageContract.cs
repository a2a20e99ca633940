using System.Text;
using Portal.Data.Storage;

namespace Portal.Web.Tests.Storage;

/// <summary>
/// What every <see cref="IFileStorage"/> promises, run against each implementation (a derived class per implementation):
/// bytes back as stored, atomic replacement, import of a local file, listing and deleting by prefix, missing keys as
/// <see cref="FileNotFoundException"/>, and one key rule.
/// </summary>
public abstract class FileStorageContract : IDisposable
{
    private readonly string _local = Path.Combine(Path.GetTempPath(), "portal-storage-tests", Guid.NewGuid().ToString("N"));

    protected FileStorageContract() => Directory.CreateDirectory(_local);

    protected static CancellationToken Ct => TestContext.Current.CancellationToken;

    /// <summary>The implementation under test, fresh for each test.</summary>
    protected abstract IFileStorage Storage { get; }

    public virtual void Dispose()
    {
        Directory.Delete(_local, recursive: true);
        GC.SuppressFinalize(this);
    }

    [Fact]
    public async Task Save_ThenOpen_GivesTheBytesAndTheirSize()
    {
        // Arrange
        var bytes = Encoding.UTF8.GetBytes("ImageID,ans\na.png,3\n");

        // Act
        var saved = await Storage.SaveAsync("submissions/1/2/a.csv", new MemoryStream(bytes), Ct);

        // Assert
        Assert.Equal(bytes.Length, saved);
        Assert.Equal(bytes, await ReadAsync("submissions/1/2/a.csv"));
        Assert.Equal(bytes.Length, await Storage.SizeAsync("submissions/1/2/a.csv", Ct));
        Assert.True(await Storage.ExistsAsync("submissions/1/2/a.csv", Ct));
    }

    [Fact]
    public async Task Save_ExistingKey_ReplacesTheFile()
    {
        // Arrange
        await Storage.SaveAsync("p/x.f32", new MemoryStream([1, 2, 3]), Ct);

        // Act
        await Storage.SaveAsync("p/x.f32", new MemoryStream([9]), Ct);

        // Assert
        Assert.Equal([9], await ReadAsync("p/x.f32"));
    }

    [Fact]
    public async Task Save_ContentFailsHalfway_LeavesTheOldFileAndNothingElse()
    {
        // Arrange
        await Storage.SaveAsync("p/x.f32", new MemoryStream([1, 2, 3]), Ct);

        // Act
        await Assert.ThrowsAsync<IOException>(() => Storage.SaveAsync("p/x.f32", new FailingStream(new byte[100_000]), Ct));

        // Assert: the old file whole, and no half-written one anywhere under the prefix.
        Assert.Equal([1, 2, 3], await ReadAsync("p/x.f32"));
        Assert.Equal(["p/x.f32"], await KeysAsync("p"));
    }

    [Fact]
    public async Task Import_LocalFile_StoresItsBytesAndTakesItAway()
    {
        // Arrange
        var local = Path.Combine(_local, "upload");
        await File.WriteAllBytesAsync(local, [4, 5, 6, 7], Ct);

        // Act
        var imported = await Storage.ImportAsync("submissions/1/2/m.onnx", local, Ct);

        // Assert
        Assert.Equal(4, imported);
        Assert.Equal([4, 5, 6, 7], await ReadAsync("submissions/1/2/m.onnx"));
        Assert.False(File.Exists(local));
    }

    [Fact]
    public async Task Import_NoSuchLocalFile_IsFileNotFound()
    {
        await Assert.ThrowsAsync<FileNotFoundException>(() => Storage.ImportAsync("a/b", Path.Combine(_local, "none"), Ct));
        Assert.False(await Storage.ExistsAsync("a/b", Ct));
    }

    [Fact]
    public async Task MissingKey_OpenAndSizeAreFileNotFound_ExistsAndDeleteAreFalse()
    {
        // Arrange: a file beside the missing key, and one under it, so neither a folder nor a neighbour counts.
        await Storage.SaveAsync("a/other", new MemoryStream([1]), Ct);
        await Storage.SaveAsync("a/missing/inside", new MemoryStream([1]), Ct);

        // Act and assert
        await Assert.ThrowsAsync<FileNotFoundException>(() => Storage.OpenReadAsync("a/missing", Ct));
        await Assert.ThrowsAsync<FileNotFoundException>(() => Storage.SizeAsync("a/missing", Ct));
        Assert.False(await Storage.ExistsAsync("a/missing", Ct));
        Assert.False(await Storage.DeleteAsync("a/missing", Ct));
    }

    [Fact]
    public async Task Delete_StoredFile_IsGoneAndTrue()
    {
        // Arrange
        await Storage.SaveAsync("a/b", new MemoryStream([1]), Ct);

        // Act
        var deleted = await Storage.DeleteAsync("a/b", Ct);

        // Assert
        Assert.True(deleted);
        Assert.False(await Storage.ExistsAsync("a/b", Ct));
        Assert.Empty(await KeysAsync("a"));
    }

    [Fact]
    public async Task List_Prefix_GivesEveryFileUnderItAtAnyDepthWithItsSize()
    {
        // Arrange: "hidden/1" must not take "hidden/10" nor "hidden/1x", which share its first characters.
        await SaveAllAsync("hidden/1/a.png", "hidden/1/sub/b.jpg", "hidden/10/c.png", "hidden/1x", "other/d");

        // Act
        var files = await ListAsync("hidden/1");
        var withSlash = await KeysAsync("hidden/1/");

        // Assert
        Assert.Equal(["hidden/1/a.png", "hidden/1/sub/b.jpg"], files.Select(f => f.Key).Order(StringComparer.Ordinal));
        Assert.Equal(files.Select(f => f.Key).Order(StringComparer.Ordinal), withSlash);
        Assert.All(files, f => Assert.Equal(f.Key.Length, f.Length));
        Assert.All(files, f => Assert.InRange(f.LastWriteUtc, DateTime.UtcNow.AddMinutes(-5), DateTime.UtcNow.AddMinutes(1)));
        Assert.Empty(await ListAsync("nothing/here"));
    }

    [Fact]
    public async Task DeletePrefix_DeletesEverythingUnderItAndNothingElse()
    {
        // Arrange
        await SaveAllAsync("hidden/1/a.png", "hidden/1/sub/b.jpg", "hidden/10/c.png", "hidden/1x");

        // Act
        var deleted = await Storage.DeletePrefixAsync("hidden/1", Ct);
        var again = await Storage.DeletePrefixAsync("hidden/1", Ct);

        // Assert
        Assert.Equal(2, deleted);
        Assert.Equal(0, again);
        Assert.Equal(["hidden/10/c.png", "hidden/1x"], await KeysAsync("hidden"));
    }

    [Theory]
    [InlineData("../outside")]
    [InlineData("a/../../outside")]
    [InlineData("/absolute")]
    [InlineData("a//b")]
    [InlineData("a/./b")]
    [InlineData("a\\b")]
    [InlineData("c:x")]
    [InlineData("")]
    public async Task InvalidKey_IsRefusedByEveryMethod(string key)
    {
        await Assert.ThrowsAnyAsync<ArgumentException>(() => Storage.SaveAsync(key, new MemoryStream([1]), Ct));
        await Assert.ThrowsAnyAsync<ArgumentException>(() => Storage.OpenReadAsync(key, Ct));
        await Assert.ThrowsAnyAsync<ArgumentException>(() => Storage.ExistsAsync(key, Ct));
        await Assert.ThrowsAnyAsync<ArgumentException>(() => Storage.DeleteAsync(key, Ct));
        await Assert.ThrowsAnyAsync<ArgumentException>(() => Storage.DeletePrefixAsync(key, Ct));
        await Assert.ThrowsAnyAsync<ArgumentException>(() => ListAsync(key));
    }

    private async Task<byte[]> ReadAsync(string key)
    {
        await using var stream = await Storage.OpenReadAsync(key, Ct);
        using var buffer = new MemoryStream();
        await stream.CopyToAsync(buffer, Ct);
        return buffer.ToArray();
    }

    /// <summary>Saves each key with its own text as content, so a size names its file.</summary>
    private async Task SaveAllAsync(params string[] keys)
    {
        foreach (var key in keys)
        {
            await Storage.SaveAsync(key, new MemoryStream(Encoding.UTF8.GetBytes(key)), Ct);
        }
    }

    private async Task<List<StoredFile>> ListAsync(string prefix)
    {
        var files = new List<StoredFile>();
        await foreach (var file in Storage.ListAsync(prefix, Ct))
        {
            files.Add(file);
        }

        return files;
    }

    private async Task<List<string>> KeysAsync(string prefix) =>
        (await ListAsync(prefix)).Select(f => f.Key).Order(StringComparer.Ordinal).ToList();

    /// <summary>A stream that gives part of its bytes, then fails as a dropped upload does.</summary>
    private sealed class FailingStream(byte[] bytes) : MemoryStream(bytes)
    {
        public override int Read(byte[] buffer, int offset, int count) =>
            Position > Length / 2 ? throw new IOException("The connection was reset.") : base.Read(buffer, offset, Math.Min(count, 4096));

        public override ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default) =>
            Position > Length / 2 ? throw new IOException("The connection was reset.") : base.ReadAsync(buffer[..Math.Min(buffer.Length, 4096)], cancellationToken);

        public override Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
            ReadAsync(buffer.AsMemory(offset, count), cancellationToken).AsTask();
    }
}
