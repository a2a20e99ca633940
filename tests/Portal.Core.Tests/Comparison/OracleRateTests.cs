using Portal.Core.Comparison;

namespace Portal.Core.Tests.Comparison;

public sealed class OracleRateTests
{
    private static readonly byte[] Truth = [0, 1, 2, 3, 4];

    [Fact]
    public void Compute_MembersRightOnDifferentImages_CountsTheUnion()
    {
        // Arrange: A right on 0, 1; B right on 1, 3; nobody on 2 and 4.
        ReadOnlyMemory<byte>[] members = [new byte[] { 0, 1, 9, 9, 9 }, new byte[] { 9, 1, 9, 3, 9 }];

        // Act
        var covered = OracleRate.CountCovered(members, Truth);
        var rate = OracleRate.Compute(members, Truth);

        // Assert
        Assert.Equal(3, covered);
        Assert.Equal(0.6, rate, 12);
    }

    [Fact]
    public void Compute_OnPositions_CountsOnlyThose()
    {
        ReadOnlyMemory<byte>[] members = [new byte[] { 0, 1, 9, 9, 9 }, new byte[] { 9, 1, 9, 3, 9 }];

        var rate = OracleRate.Compute(members, Truth, [2, 3, 4, 0]);

        Assert.Equal(0.5, rate, 12);
    }

    [Fact]
    public void Compute_NoImages_IsZero()
    {
        Assert.Equal(0, OracleRate.Compute([Array.Empty<byte>()], [], []));
    }

    [Fact]
    public void CountUnanimous_ThreeMembers_CountsImagesAllAgreeOn()
    {
        ReadOnlyMemory<byte>[] members = [new byte[] { 0, 1, 2, 3 }, new byte[] { 0, 1, 5, 3 }, new byte[] { 0, 7, 2, 3 }];

        Assert.Equal(2, DisagreementMatrix.CountUnanimous(members));
    }

    [Theory]
    [InlineData(1000)]
    [InlineData(12_600)]
    [InlineData(31)]
    public void CountUnanimous_LongerThanAVector_EqualsTheCountImageByImage(int length)
    {
        // Arrange: three near copies, so a few hundred images differ somewhere, tails included.
        var random = new Random(length);
        var first = Enumerable.Range(0, length).Select(_ => (byte)random.Next(18)).ToArray();
        var members = Enumerable.Range(0, 3).Select(_ => first.Select(l => random.NextDouble() < 0.05 ? (byte)random.Next(18) : l).ToArray()).ToList();
        var expected = Enumerable.Range(0, length).Count(i => members.All(m => m[i] == members[0][i]));

        // Act
        var unanimous = DisagreementMatrix.CountUnanimous(members.Select(m => (ReadOnlyMemory<byte>)m).ToList());

        // Assert
        Assert.Equal(expected, unanimous);
    }
}
