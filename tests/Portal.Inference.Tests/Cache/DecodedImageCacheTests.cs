using Portal.Inference.Cache;
using Portal.Inference.Preprocessing;
using Portal.Inference.Tests.Preprocessing;
using Portal.Inference.Tests.Support;

namespace Portal.Inference.Tests.Cache;

public sealed class DecodedImageCacheTests : IDisposable
{
    private const int ImageCount = 7;
    private const int CachedWidth = 6;
    private const int CachedHeight = 5;
    private const string SetKey = "test set v1";

    private readonly TempFolder _dir = new();

    private static CancellationToken Ct => TestContext.Current.CancellationToken;
    private readonly string[] _paths;
    private int _decodes;

    public DecodedImageCacheTests()
    {
        // PNGs (lossless) of different sizes and colours, so a mix-up of images or offsets shows.
        _paths = Enumerable.Range(0, ImageCount).Select(i =>
        {
            var path = _dir.File($"img{i}.png");
            File.WriteAllBytes(path, TestImages.Png(10 + i, 8, (x, y) => ((byte)(x * 20), (byte)(y * 30), (byte)(i * 35))));
            return path;
        }).ToArray();
    }

    private string CacheFolder => Path.Combine(_dir.Path, "cache");

    public void Dispose() => _dir.Dispose();

    [Fact]
    public void Open_Miss_CachesExactlyWhatDirectDecodingGives()
    {
        var size = new PreprocessOptions { Width = CachedWidth, Height = CachedHeight, Resize = ResizeMode.Crop };

        using var images = NewCache().Open(SetKey, _paths, CachedWidth, CachedHeight, ResizeMode.Crop, cancellationToken: Ct);

        Assert.True(images.Built);
        Assert.Equal((ImageCount, CachedWidth, CachedHeight), (images.Count, images.Width, images.Height));
        for (var i = 0; i < ImageCount; i++)
        {
            Assert.Equal(ImageLoader.Load(_paths[i], size).Pixels, images.Image(i).Pixels);
        }
    }

    [Fact]
    public void Read_Window_IsTheImagesOneAfterAnother()
    {
        using var images = NewCache().Open(SetKey, _paths, CachedWidth, CachedHeight, ResizeMode.Stretch, cancellationToken: Ct);
        var window = new byte[3 * images.ImageBytes];

        images.Read(3, 3, window);

        var expected = images.Image(3).Pixels.Concat(images.Image(4).Pixels).Concat(images.Image(5).Pixels).ToArray();
        Assert.Equal(expected, window);
    }

    [Fact]
    public void Open_SecondTime_IsAHitThatDecodesNothing()
    {
        byte[] first;
        using (var images = NewCache().Open(SetKey, _paths, CachedWidth, CachedHeight, ResizeMode.Stretch, cancellationToken: Ct))
        {
            first = images.Image(ImageCount - 1).Pixels;
        }

        var decodesAfterBuild = _decodes;

        using var again = NewCache().Open(SetKey, _paths, CachedWidth, CachedHeight, ResizeMode.Stretch, cancellationToken: Ct);

        Assert.Equal(ImageCount, decodesAfterBuild);
        Assert.False(again.Built);
        Assert.Equal(decodesAfterBuild, _decodes);
        Assert.Equal(first, again.Image(ImageCount - 1).Pixels);
    }

    [Fact]
    public void Open_OtherSizeOrKey_IsAMiss()
    {
        var cache = NewCache();
        using var a = cache.Open(SetKey, _paths, CachedWidth, CachedHeight, ResizeMode.Stretch, cancellationToken: Ct);

        using var b = cache.Open(SetKey, _paths, CachedWidth, CachedHeight, ResizeMode.Crop, cancellationToken: Ct);
        using var c = cache.Open("test set v2", _paths, CachedWidth, CachedHeight, ResizeMode.Stretch, cancellationToken: Ct);

        Assert.True(b.Built);
        Assert.True(c.Built);
        Assert.Equal(3, Directory.GetFiles(CacheFolder, "*" + DecodedImageCache.FileExtension).Length);
    }

    [Fact]
    public void Open_CorruptImage_FailsWithItsNameAndLeavesNoCacheFile()
    {
        var paths = _paths.ToList();
        var bad = _dir.File("broken.jpg");
        File.WriteAllBytes(bad, [0xFF, 0xD8, 0xFF, 0x00, 0x13, 0x37]);
        paths.Insert(4, bad);

        var error = Assert.Throws<InvalidDataException>(() => NewCache().Open(SetKey, paths, CachedWidth, CachedHeight, ResizeMode.Stretch, cancellationToken: Ct));

        Assert.Contains("broken.jpg", error.Message, StringComparison.Ordinal);
        Assert.Empty(Directory.GetFiles(CacheFolder));
    }

    [Fact]
    public void Open_TruncatedFile_IsNotTrustedAndIsRebuilt()
    {
        var cache = NewCache();
        string path;
        using (var images = cache.Open(SetKey, _paths, CachedWidth, CachedHeight, ResizeMode.Stretch, cancellationToken: Ct))
        {
            path = images.Path;
        }

        using (var stream = new FileStream(path, FileMode.Open))
        {
            stream.SetLength(stream.Length - 1);
        }

        using var rebuilt = cache.Open(SetKey, _paths, CachedWidth, CachedHeight, ResizeMode.Stretch, cancellationToken: Ct);

        Assert.True(rebuilt.Built);
        Assert.Equal(2 * ImageCount, _decodes);
        Assert.Equal(CacheFileHeader.Size + (ImageCount * rebuilt.ImageBytes), new FileInfo(path).Length);
    }

    [Fact]
    public void Open_ConcurrentBuildersOfOneKey_AllGetTheSameCompleteFile()
    {
        const int builders = 4;
        // Slow decodes keep every builder inside its build at once.
        var slow = new DecodedImageCache(CacheFolder, 2, (encoded, name, size, destination) =>
        {
            Thread.Sleep(20);
            ImageLoader.LoadInto(encoded, name, size, destination);
        });

        var results = Enumerable.Range(0, builders).AsParallel().WithDegreeOfParallelism(builders)
            .Select(_ =>
            {
                using var images = slow.Open(SetKey, _paths, CachedWidth, CachedHeight, ResizeMode.Stretch, cancellationToken: Ct);
                return (images.Path, Pixels: Convert.ToBase64String(images.Image(ImageCount - 1).Pixels));
            })
            .ToArray();

        Assert.Single(results.Select(r => r.Path).Distinct());
        Assert.Single(results.Select(r => r.Pixels).Distinct());
        Assert.Equal([Path.GetFileName(results[0].Path)], Directory.GetFiles(CacheFolder).Select(Path.GetFileName));
    }

    [Fact]
    public void Open_Building_ReportsProgressUpToTheCount()
    {
        var reports = new List<int>();

        using var images = NewCache().Open(SetKey, _paths, CachedWidth, CachedHeight, ResizeMode.Stretch, new CallbackProgress<int>(reports.Add), cancellationToken: Ct);

        Assert.NotEmpty(reports);
        Assert.Equal(ImageCount, reports[^1]);
    }

    [Fact]
    public void Open_Cancelled_LeavesNothing()
    {
        using var cancel = new CancellationTokenSource();
        cancel.Cancel();

        Assert.ThrowsAny<OperationCanceledException>(() =>
            NewCache().Open(SetKey, _paths, CachedWidth, CachedHeight, ResizeMode.Stretch, cancellationToken: cancel.Token));

        Assert.Empty(Directory.GetFiles(CacheFolder));
    }

    [Fact]
    public void Open_Miss_RemovesOnlyStaleLeftoversOfCrashedBuilds()
    {
        var cache = NewCache();
        var path = cache.PathFor(SetKey, ImageCount, CachedWidth, CachedHeight, ResizeMode.Stretch);
        Directory.CreateDirectory(CacheFolder);
        var stale = path + ".1-crashed" + DecodedImageCache.TemporaryExtension;
        var recent = path + ".2-building" + DecodedImageCache.TemporaryExtension;
        File.WriteAllBytes(stale, [1]);
        File.WriteAllBytes(recent, [2]);
        File.SetLastWriteTimeUtc(stale, DateTime.UtcNow.AddDays(-2));

        using var images = cache.Open(SetKey, _paths, CachedWidth, CachedHeight, ResizeMode.Stretch, cancellationToken: Ct);

        Assert.False(File.Exists(stale));
        Assert.True(File.Exists(recent));
    }

    [Fact]
    public async Task OpenAsync_ImagesReadAsStreamsById_CachesWhatTheirFilesGive()
    {
        // Arrange: the same images as objects of a store, known by id only.
        var ids = _paths.Select(p => Path.GetFileName(p)).ToList();
        var stored = _paths.ToDictionary(p => Path.GetFileName(p), File.ReadAllBytes);
        var images = new EncodedImages(ids, (id, _) => Task.FromResult<Stream>(new MemoryStream(stored[id])));
        var size = new PreprocessOptions { Width = CachedWidth, Height = CachedHeight, Resize = ResizeMode.Crop };

        // Act
        using var cached = await NewCache().OpenAsync(SetKey, images, CachedWidth, CachedHeight, ResizeMode.Crop, cancellationToken: Ct);

        // Assert
        Assert.True(cached.Built);
        for (var i = 0; i < ImageCount; i++)
        {
            Assert.Equal(ImageLoader.Load(_paths[i], size).Pixels, cached.Image(i).Pixels);
        }
    }

    [Fact]
    public async Task OpenAsync_AnImageCannotBeOpened_FailsNamingItAndLeavesNoCacheFile()
    {
        // Arrange: a store that lost one image.
        var ids = _paths.Select(p => Path.GetFileName(p)).ToList();
        var images = new EncodedImages(ids, (id, _) => id == "img3.png"
            ? throw new FileNotFoundException("Nothing is stored under it.")
            : Task.FromResult<Stream>(File.OpenRead(Path.Combine(_dir.Path, id))));

        // Act
        var error = await Assert.ThrowsAsync<InvalidDataException>(() =>
            NewCache().OpenAsync(SetKey, images, CachedWidth, CachedHeight, ResizeMode.Stretch, cancellationToken: Ct));

        // Assert
        Assert.StartsWith("'img3.png' could not be read", error.Message, StringComparison.Ordinal);
        Assert.Empty(Directory.GetFiles(CacheFolder));
    }

    [Fact]
    public void FromFiles_ChangedFile_ChangesTheKey()
    {
        var before = ImageSetKey.FromFiles(_paths);

        File.WriteAllBytes(_paths[2], TestImages.Png(3, 3, (_, _) => (1, 2, 3)));

        Assert.NotEqual(before, ImageSetKey.FromFiles(_paths));
    }

    private DecodedImageCache NewCache() => new(CacheFolder, 2, (encoded, name, size, destination) =>
    {
        Interlocked.Increment(ref _decodes);
        ImageLoader.LoadInto(encoded, name, size, destination);
    });
}
