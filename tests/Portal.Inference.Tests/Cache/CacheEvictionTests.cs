using Portal.Inference.Cache;
using Portal.Inference.Preprocessing;
using Portal.Inference.Tests.Preprocessing;
using Portal.Inference.Tests.Support;

namespace Portal.Inference.Tests.Cache;

/// <summary>Under <c>Inference:MaxCacheBytes</c> a new size evicts the least recently used ones, never one a run has open.</summary>
public sealed class CacheEvictionTests : IDisposable
{
    private const int Side = 8;
    private readonly TempFolder _dir = new();
    private readonly string[] _paths;

    public CacheEvictionTests()
    {
        _paths = Enumerable.Range(0, 4).Select(i =>
        {
            var path = _dir.File($"img{i}.png");
            File.WriteAllBytes(path, TestImages.Png(10, 10, (x, y) => ((byte)(x * 20), (byte)(y * 20), (byte)(i * 60))));
            return path;
        }).ToArray();
    }

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private string Folder => Path.Combine(_dir.Path, "cache");

    // Every file here is the same length: 4 images of Side x Side plus the header.
    private static long FileBytes => CacheFileHeader.Size + (4L * Side * Side * CacheFileHeader.Channels);

    public void Dispose() => _dir.Dispose();

    private DecodedImageCache Capped(int files) => new(Folder, maxBytes: files * FileBytes);

    private DecodedImages Open(DecodedImageCache cache, string key) =>
        cache.Open(key, _paths, Side, Side, ResizeMode.Stretch, cancellationToken: Ct);

    private string PathOf(string key) => new DecodedImageCache(Folder).PathFor(key, 4, Side, Side, ResizeMode.Stretch);

    private void UsedAt(string key, int minutesAgo) => File.SetLastAccessTimeUtc(PathOf(key), DateTime.UtcNow.AddMinutes(-minutesAgo));

    [Fact]
    public void Open_NewSetOverTheCap_EvictsTheLeastRecentlyUsedFile()
    {
        var cache = Capped(2);
        Open(cache, "a").Dispose();
        Open(cache, "b").Dispose();
        UsedAt("a", 10);
        UsedAt("b", 20);
        Open(cache, "a").Dispose(); // a hit is a use: now b is the least recently used

        using var c = Open(cache, "c");

        Assert.True(c.Built);
        Assert.True(File.Exists(PathOf("a")));
        Assert.False(File.Exists(PathOf("b")));
        Assert.Equal(2, cache.Entries().Count);
    }

    [Fact]
    public void Open_NewSetOverTheCap_NeverEvictsAFileARunHasOpen()
    {
        var cache = Capped(2);
        using var inUse = Open(cache, "a");
        Open(cache, "b").Dispose();
        UsedAt("a", 30); // the oldest, but open
        UsedAt("b", 10);

        using var c = Open(cache, "c");

        Assert.True(File.Exists(PathOf("a")));
        Assert.False(File.Exists(PathOf("b")));
        using var again = Open(new DecodedImageCache(Folder), "a");
        Assert.False(again.Built);
    }

    [Fact]
    public void Open_EveryFileInUse_RefusesWithTheCapAndWritesNothing()
    {
        var cache = Capped(1);
        using var inUse = Open(cache, "a");

        var e = Assert.Throws<CacheSpaceException>(() => Open(cache, "b"));

        Assert.Contains("Inference:MaxCacheBytes", e.Message, StringComparison.Ordinal);
        Assert.Equal([PathOf("a")], Directory.GetFiles(Folder));
    }

    [Fact]
    public void Open_UnderTheCap_EvictsNothing()
    {
        var cache = Capped(3);
        Open(cache, "a").Dispose();
        Open(cache, "b").Dispose();

        Open(cache, "c").Dispose();

        Assert.Equal(3, cache.Entries().Count);
    }

    [Fact]
    public void Entries_SaysWhichFileIsInUseAndItsSize()
    {
        var cache = Capped(3);
        using var inUse = Open(cache, "a");
        Open(cache, "b").Dispose();
        UsedAt("a", 5);
        UsedAt("b", 1);

        var entries = cache.Entries();

        Assert.Equal([(PathOf("a"), true), (PathOf("b"), false)], entries.Select(e => (e.Path, e.InUse)).ToArray());
        Assert.All(entries, e => Assert.Equal((Side, Side, FileBytes), (e.Width, e.Height, e.Bytes)));
    }

    [Fact]
    public void SpaceProblem_LargerThanTheWholeCap_SaysSo()
    {
        var problem = Capped(1).SpaceProblem(5, Side, Side);

        Assert.NotNull(problem);
        Assert.Contains("more than this server's cap", problem, StringComparison.Ordinal);
    }

    [Fact]
    public void DeleteUnused_OneFileOpenByARun_DeletesTheOthersAndKeepsIt()
    {
        var cache = new DecodedImageCache(Folder);
        Open(cache, "a").Dispose();
        Open(cache, "b").Dispose();
        using var running = Open(cache, "c");

        var freed = cache.DeleteUnused();

        Assert.Equal(2 * FileBytes, freed);
        Assert.Equal([PathOf("c")], cache.Entries().Select(e => e.Path));
        Assert.True(Assert.Single(cache.Entries()).InUse);
    }
}
