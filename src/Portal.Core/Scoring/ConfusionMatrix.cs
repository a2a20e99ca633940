namespace Portal.Core.Scoring;

/// <summary>
/// A C x C count matrix of label pairs: rows are the first labelling (the truth, or submission A),
/// columns the second (the prediction, or submission B).
/// </summary>
public sealed class ConfusionMatrix
{
    private readonly long[] _counts;

    private ConfusionMatrix(int classCount, long[] counts)
    {
        ClassCount = classCount;
        _counts = counts;
    }

    /// <summary>Counts every pair (rows[i], columns[i]).</summary>
    public static ConfusionMatrix Compute(ReadOnlySpan<byte> rows, ReadOnlySpan<byte> columns, int classCount)
    {
        CheckLengths(rows, columns);
        var counts = new long[classCount * classCount];
        for (var i = 0; i < rows.Length; i++)
        {
            counts[rows[i] * classCount + columns[i]]++;
        }

        return new ConfusionMatrix(classCount, counts);
    }

    /// <summary>Counts the pairs at the given positions only (a public or private split).</summary>
    public static ConfusionMatrix Compute(ReadOnlySpan<byte> rows, ReadOnlySpan<byte> columns, int classCount, ReadOnlySpan<int> positions)
    {
        CheckLengths(rows, columns);
        var counts = new long[classCount * classCount];
        foreach (var i in positions)
        {
            counts[rows[i] * classCount + columns[i]]++;
        }

        return new ConfusionMatrix(classCount, counts);
    }

    /// <summary>A matrix from counts given row-major.</summary>
    public static ConfusionMatrix FromCounts(int classCount, ReadOnlySpan<long> counts)
    {
        if (counts.Length != classCount * classCount)
        {
            throw new ArgumentException("Expected classCount squared counts.", nameof(counts));
        }

        return new ConfusionMatrix(classCount, counts.ToArray());
    }

    /// <summary>The number of classes C.</summary>
    public int ClassCount { get; }

    /// <summary>The count of pairs (row, column).</summary>
    public long this[int row, int column] => _counts[row * ClassCount + column];

    /// <summary>All counts, row-major.</summary>
    public ReadOnlySpan<long> Counts => _counts;

    /// <summary>The number of pairs counted.</summary>
    public long Total
    {
        get
        {
            long total = 0;
            foreach (var c in _counts)
            {
                total += c;
            }

            return total;
        }
    }

    /// <summary>The pairs whose two labels agree.</summary>
    public long Diagonal
    {
        get
        {
            long sum = 0;
            for (var k = 0; k < ClassCount; k++)
            {
                sum += this[k, k];
            }

            return sum;
        }
    }

    /// <summary>Row sums: for a confusion matrix, the support of each true class.</summary>
    public long[] RowTotals()
    {
        var totals = new long[ClassCount];
        for (var r = 0; r < ClassCount; r++)
        {
            for (var c = 0; c < ClassCount; c++)
            {
                totals[r] += this[r, c];
            }
        }

        return totals;
    }

    /// <summary>Column sums: for a confusion matrix, how often each class was predicted.</summary>
    public long[] ColumnTotals()
    {
        var totals = new long[ClassCount];
        for (var r = 0; r < ClassCount; r++)
        {
            for (var c = 0; c < ClassCount; c++)
            {
                totals[c] += this[r, c];
            }
        }

        return totals;
    }

    /// <summary>The matrix as rows of doubles, normalised as scikit-learn does (an empty row or column gives zeros).</summary>
    public double[][] Normalize(ConfusionNormalization by)
    {
        var rows = RowTotals();
        var columns = ColumnTotals();
        var total = Total;
        var result = new double[ClassCount][];
        for (var r = 0; r < ClassCount; r++)
        {
            result[r] = new double[ClassCount];
            for (var c = 0; c < ClassCount; c++)
            {
                double denominator = by switch
                {
                    ConfusionNormalization.ByTruth => rows[r],
                    ConfusionNormalization.ByPrediction => columns[c],
                    ConfusionNormalization.All => total,
                    _ => 1,
                };
                result[r][c] = denominator == 0 ? 0 : this[r, c] / denominator;
            }
        }

        return result;
    }

    /// <summary>The matrix of an attribute: classes mapped to their value on one axis.</summary>
    public ConfusionMatrix Project(ReadOnlySpan<byte> valueOfClass, int valueCount)
    {
        var counts = new long[valueCount * valueCount];
        for (var r = 0; r < ClassCount; r++)
        {
            for (var c = 0; c < ClassCount; c++)
            {
                counts[valueOfClass[r] * valueCount + valueOfClass[c]] += this[r, c];
            }
        }

        return new ConfusionMatrix(valueCount, counts);
    }

    private static void CheckLengths(ReadOnlySpan<byte> rows, ReadOnlySpan<byte> columns)
    {
        if (rows.Length != columns.Length)
        {
            throw new ArgumentException("Both labellings must cover the same images.", nameof(columns));
        }
    }
}
