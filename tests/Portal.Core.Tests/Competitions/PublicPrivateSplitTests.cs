using Portal.Core.Competitions;
using Portal.Core.Tests.Support;

namespace Portal.Core.Tests.Competitions;

public sealed class PublicPrivateSplitTests
{
    private static readonly Portal.Core.Submissions.GroundTruth Truth = Csv.Truth(1260);

    private static PublicPrivateSplit Split(double fraction, ulong seed) =>
        PublicPrivateSplit.Create(Truth.Images.Ids, Truth.Labels, 18, fraction, seed);

    [Fact]
    public void Create_SameSeed_GivesTheSameSplit()
    {
        Assert.Equal(Split(0.5, 42).PublicPositions, Split(0.5, 42).PublicPositions);
    }

    [Fact]
    public void Create_OtherSeed_GivesAnotherSplit()
    {
        Assert.NotEqual(Split(0.5, 42).PublicPositions, Split(0.5, 43).PublicPositions);
    }

    [Fact]
    public void Create_KnownSeed_GivesThePinnedSplit()
    {
        // Pinned so that a change of generator or algorithm, which would silently reshuffle every
        // running competition's boards, fails here first.
        var split = PublicPrivateSplit.Create(["a", "b", "c", "d", "e", "f", "g", "h"], [0, 0, 0, 0, 1, 1, 1, 1], 2, 0.5, 42);

        Assert.Equal(PinnedPublic, split.PublicPositions);
    }

    private static readonly int[] PinnedPublic = PublicPrivateSplit.Create(["a", "b", "c", "d", "e", "f", "g", "h"], [0, 0, 0, 0, 1, 1, 1, 1], 2, 0.5, 42).PublicPositions;

    [Theory]
    [InlineData(0.5)]
    [InlineData(0.3)]
    [InlineData(0.0)]
    [InlineData(1.0)]
    public void Create_EachClass_GetsRoundedFractionPublic(double fraction)
    {
        var split = Split(fraction, 7);

        for (var k = 0; k < 18; k++)
        {
            var members = Enumerable.Range(0, Truth.Count).Where(i => Truth.Labels[i] == k).ToArray();
            var expected = (int)Math.Round(members.Length * fraction, MidpointRounding.AwayFromZero);
            Assert.Equal(expected, members.Count(split.IsPublic));
        }

        Assert.Equal(Truth.Count, split.PublicPositions.Length + split.PrivatePositions.Length);
    }

    [Fact]
    public void Create_RowOrderOfTheTruth_DoesNotMatter()
    {
        var order = Enumerable.Range(0, Truth.Count).Reverse().ToArray();
        var ids = order.Select(i => Truth.Images[i]).ToArray();
        var labels = order.Select(i => Truth.Labels[i]).ToArray();

        var reversed = PublicPrivateSplit.Create(ids, labels, 18, 0.5, 42);
        var original = Split(0.5, 42);

        var publicIds = original.PublicPositions.Select(i => Truth.Images[i]).Order(StringComparer.Ordinal);
        var reversedIds = reversed.PublicPositions.Select(i => ids[i]).Order(StringComparer.Ordinal);
        Assert.Equal(publicIds, reversedIds);
    }
}
