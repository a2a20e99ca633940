namespace Portal.Core.Comparison;

/// <summary>
/// Agglomerative clustering with average linkage (UPGMA) over a symmetric distance matrix, used to
/// order an N-way disagreement heatmap so that submissions that agree sit next to each other.
/// </summary>
public static class HierarchicalClustering
{
    /// <summary>
    /// The leaf order of the average-linkage dendrogram of <paramref name="size"/> items whose distance is
    /// <paramref name="distance"/>(i, j). Deterministic: the closest pair merges first, ties to the pair of
    /// lowest indices; the cluster holding the lower original index goes on the left.
    /// </summary>
    public static int[] Order(int size, Func<int, int, double> distance)
    {
        ArgumentNullException.ThrowIfNull(distance);
        ArgumentOutOfRangeException.ThrowIfNegative(size);
        if (size <= 2)
        {
            return Enumerable.Range(0, size).ToArray();
        }

        // Working distances between live clusters; a cluster is its members in leaf order.
        var d = new double[size, size];
        for (var i = 0; i < size; i++)
        {
            for (var j = i + 1; j < size; j++)
            {
                var value = distance(i, j);
                d[i, j] = value;
                d[j, i] = value;
            }
        }

        var members = new List<int>?[size];
        for (var i = 0; i < size; i++)
        {
            members[i] = [i];
        }

        for (var merges = 0; merges < size - 1; merges++)
        {
            int bestA = -1, bestB = -1;
            var best = double.PositiveInfinity;
            for (var i = 0; i < size; i++)
            {
                if (members[i] is null)
                {
                    continue;
                }

                for (var j = i + 1; j < size; j++)
                {
                    if (members[j] is not null && d[i, j] < best)
                    {
                        best = d[i, j];
                        bestA = i;
                        bestB = j;
                    }
                }
            }

            if (bestA < 0)
            {
                // Only NaN distances left: merge the first two live clusters.
                bestA = Array.FindIndex(members, m => m is not null);
                bestB = Array.FindIndex(members, bestA + 1, m => m is not null);
            }

            var left = members[bestA]!;
            var right = members[bestB]!;
            for (var k = 0; k < size; k++)
            {
                if (members[k] is not null && k != bestA && k != bestB)
                {
                    // Average linkage: the mean of all pairwise distances, weighted by cluster sizes.
                    var merged = (d[bestA, k] * left.Count + d[bestB, k] * right.Count) / (left.Count + right.Count);
                    d[bestA, k] = merged;
                    d[k, bestA] = merged;
                }
            }

            left.AddRange(right);
            members[bestB] = null;
        }

        return members.First(m => m is not null)!.ToArray();
    }

    /// <summary>The leaf order of the disagreement matrix's submissions, clustered by their disagreement rates.</summary>
    public static int[] Order(DisagreementMatrix matrix)
    {
        ArgumentNullException.ThrowIfNull(matrix);
        return Order(matrix.Size, matrix.Rate);
    }
}
