using System.Buffers;
using System.Text;
using Portal.Core.Submissions;
using Portal.Core.Tests.Support;

namespace Portal.Core.Tests.Submissions;

public sealed class ImageIndexTests
{
    [Fact]
    public void Constructor_DuplicateId_Refused()
    {
        var error = Assert.Throws<ArgumentException>(() => new ImageIndex(["a.jpg", "b.jpg", "a.jpg"]));

        Assert.Contains("'a.jpg' occurs twice", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("")]
    [InlineData(null)]
    public void Constructor_EmptyOrNullId_Refused(string? id)
    {
        var error = Assert.Throws<ArgumentException>(() => new ImageIndex(["a.jpg", id!]));

        Assert.Contains("position 1", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Constructor_ManyIds_EachFoundAtItsPosition()
    {
        var ids = Enumerable.Range(0, 20_000).Select(Csv.ImageId).ToArray();

        var index = new ImageIndex(ids);

        Assert.Equal(ids.Length, index.Count);
        Assert.All(Enumerable.Range(0, ids.Length), i => Assert.True(index.TryGetPosition(ids[i], out var p) && p == i));
        Assert.False(index.TryGetPosition("missing.jpg", out _));
        Assert.Throws<ArgumentOutOfRangeException>(() => index.Bytes(ids.Length));
    }

    [Fact]
    public void BuilderAddMany_DuplicatesInAndAcrossBatches_GiveTheFirstPosition()
    {
        var builder = new ImageIndex.Builder();
        Assert.True(builder.TryAdd("x.jpg"u8, out _));

        var (bytes, ranges) = Batch("a.jpg", "b.jpg", "a.jpg", "x.jpg", "c.jpg", "b.jpg");
        var positions = new int[ranges.Length];
        builder.AddMany(bytes, ranges, positions);

        Assert.Equal([1, 2, ~1, ~0, 3, ~2], positions);
        Assert.False(builder.TryAdd("c.jpg"u8, out var existing));
        Assert.Equal(3, existing);
        var index = builder.ToIndex();
        Assert.Equal(["x.jpg", "a.jpg", "b.jpg", "c.jpg"], index.Ids);
    }

    [Fact]
    public void BuilderReserve_GuessTooSmallOrTooLarge_SameIndex()
    {
        var ids = Enumerable.Range(0, 5000).Select(Csv.ImageId).ToArray();
        var small = new ImageIndex.Builder();
        small.Reserve(100, 4);
        var large = new ImageIndex.Builder();
        large.Reserve(1_000_000, 200);

        foreach (var id in ids)
        {
            Assert.True(small.TryAdd(Encoding.UTF8.GetBytes(id), out _));
            Assert.True(large.TryAdd(Encoding.UTF8.GetBytes(id), out _));
        }

        foreach (var index in new[] { small.ToIndex(), large.ToIndex() })
        {
            Assert.Equal(ids, index.Ids);
            Assert.Equal(OperationStatus.Done, index.TryGetPositionUtf8(Encoding.UTF8.GetBytes(ids[4321]), out var position));
            Assert.Equal(4321, position);
        }
    }

    private static (byte[] Bytes, Range[] Ranges) Batch(params string[] ids)
    {
        var bytes = new List<byte>();
        var ranges = new List<Range>();
        foreach (var id in ids)
        {
            ranges.Add(new Range(bytes.Count, bytes.Count + Encoding.UTF8.GetByteCount(id)));
            bytes.AddRange(Encoding.UTF8.GetBytes(id));
        }

        return (bytes.ToArray(), ranges.ToArray());
    }
}
