using Portal.Inference.Cache;
using Portal.Inference.Tests.Support;

namespace Portal.Inference.Tests.Cache;

/// <summary>A decoded-image cache never fills its disk: a size that would not fit is refused before any byte is written.</summary>
public sealed class CacheSpaceTests : IDisposable
{
    private readonly TempFolder _dir = new();

    public void Dispose() => _dir.Dispose();

    [Fact]
    public void SpaceProblem_MoreThanTheDiskHolds_SaysWhatItNeedsAndWhatIsFree()
    {
        var cache = new DecodedImageCache(_dir.File("cache"));

        var problem = cache.SpaceProblem(1_000_000, 4096, 4096);

        Assert.NotNull(problem);
        Assert.StartsWith("Decoding the 1,000,000 images at 4096x4096 needs 46875", problem, StringComparison.Ordinal);
        Assert.EndsWith("Choose a smaller input size.", problem, StringComparison.Ordinal);
    }

    [Fact]
    public void SpaceProblem_SmallSet_IsNull()
    {
        Assert.Null(new DecodedImageCache(_dir.File("cache")).SpaceProblem(100, 64, 64));
    }

    [Fact]
    public void Open_MoreThanTheDiskHolds_ThrowsBeforeWritingAnything()
    {
        var cache = new DecodedImageCache(_dir.File("cache"));
        var paths = Enumerable.Range(0, 1_000_000).Select(i => _dir.File($"missing-{i}.png")).ToList();

        var e = Assert.Throws<CacheSpaceException>(() => cache.Open("set", paths, 4096, 4096, Portal.Inference.Preprocessing.ResizeMode.Stretch, cancellationToken: TestContext.Current.CancellationToken));

        Assert.Contains("4096x4096", e.Message, StringComparison.Ordinal);
        Assert.Empty(Directory.GetFiles(_dir.File("cache")));
    }
}
