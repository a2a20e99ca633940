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
}
