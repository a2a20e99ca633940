using Portal.Core.Comparison;

namespace Portal.Core.Tests.Comparison;

public sealed class HierarchicalClusteringTests
{
    private static Func<int, int, double> From(double[,] matrix) => (i, j) => matrix[i, j];

    [Fact]
    public void Order_PointsOnALine_PutsNeighboursTogether()
    {
        // Arrange: positions 0, 10, 1, 11 on a line.
        double[] x = [0, 10, 1, 11];

        // Act
        var order = HierarchicalClustering.Order(4, (i, j) => Math.Abs(x[i] - x[j]));

        // Assert
        Assert.Equal([0, 2, 1, 3], order);
    }

    [Fact]
    public void Order_AverageAndSingleLinkageDiffer_FollowsAverageLinkage()
    {
        // Arrange: 0 = c, 1 = a, 2 = d, 3 = b. a-b merge first (1). Then average linkage sees
        // {a,b}-c = 6, {a,b}-d = 6.5 and c-d = 5, so c and d merge; single linkage would join c to {a,b} (2).
        var d = new double[4, 4];
        void Set(int i, int j, double v) => (d[i, j], d[j, i]) = (v, v);
        Set(1, 3, 1);  // a-b
        Set(1, 0, 2);  // a-c
        Set(3, 0, 10); // b-c
        Set(1, 2, 10); // a-d
        Set(3, 2, 3);  // b-d
        Set(0, 2, 5);  // c-d

        // Act
        var order = HierarchicalClustering.Order(4, From(d));

        // Assert
        Assert.Equal([0, 2, 1, 3], order);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(1)]
    [InlineData(2)]
    public void Order_TwoOrFewer_KeepsTheInputOrder(int size)
    {
        var order = HierarchicalClustering.Order(size, (_, _) => 1);

        Assert.Equal(Enumerable.Range(0, size), order);
    }

    [Fact]
    public void Order_AllEqualDistances_IsTheIdentityPermutation()
    {
        var order = HierarchicalClustering.Order(5, (_, _) => 0.5);

        Assert.Equal([0, 1, 2, 3, 4], order);
    }

    [Fact]
    public void Order_DisagreementMatrixOfTwoFamilies_GroupsEachFamily()
    {
        // Arrange: submissions 0, 2, 4 are near copies of one labelling; 1, 3 of another.
        var random = new Random(5);
        var baseA = Enumerable.Range(0, 1000).Select(_ => (byte)random.Next(18)).ToArray();
        var baseB = Enumerable.Range(0, 1000).Select(_ => (byte)random.Next(18)).ToArray();
        byte[] Copy(byte[] source, int changes)
        {
            var copy = source.ToArray();
            for (var k = 0; k < changes; k++)
            {
                copy[random.Next(copy.Length)] = (byte)random.Next(18);
            }

            return copy;
        }

        var submissions = new ReadOnlyMemory<byte>[] { Copy(baseA, 10), Copy(baseB, 10), Copy(baseA, 20), Copy(baseB, 30), Copy(baseA, 40) };
        var matrix = DisagreementMatrix.Compute(submissions);

        // Act
        var order = HierarchicalClustering.Order(matrix);

        // Assert
        Assert.Equal(5, order.Distinct().Count());
        var positions = order.Select((s, at) => (s, at)).ToDictionary(p => p.s, p => p.at);
        var familyA = new[] { 0, 2, 4 }.Select(s => positions[s]).Order().ToArray();
        Assert.Equal(2, familyA[^1] - familyA[0]);
    }

    [Fact]
    public void Order_IsAPermutation_ForRandomDistances()
    {
        var random = new Random(11);
        var d = new double[30, 30];
        for (var i = 0; i < 30; i++)
        {
            for (var j = i + 1; j < 30; j++)
            {
                d[i, j] = d[j, i] = random.NextDouble();
            }
        }

        var order = HierarchicalClustering.Order(30, From(d));

        Assert.Equal(Enumerable.Range(0, 30), order.Order());
    }
}
