namespace Portal.Core.Submissions;

/// <summary>
/// A submission's predictions in hidden-set order: one label byte per image and, when known,
/// the class probabilities as a row-major <c>[images, classes]</c> float array.
/// </summary>
public sealed class Predictions
{
    private readonly byte[] _labels;
    private readonly float[]? _probabilities;

    /// <summary>Labels only.</summary>
    public Predictions(byte[] labels, int classCount)
    {
        ArgumentNullException.ThrowIfNull(labels);
        _labels = labels;
        ClassCount = classCount;
    }

    private Predictions(byte[] labels, float[] probabilities, int classCount)
    {
        _labels = labels;
        _probabilities = probabilities;
        ClassCount = classCount;
    }

    /// <summary>Predictions from probabilities; each label is the argmax, ties to the lowest class.</summary>
    public static Predictions FromProbabilities(float[] probabilities, int classCount)
    {
        ArgumentNullException.ThrowIfNull(probabilities);
        if (classCount < 1 || probabilities.Length % classCount != 0)
        {
            throw new ArgumentException("The probabilities must hold a whole number of rows.", nameof(probabilities));
        }

        var labels = new byte[probabilities.Length / classCount];
        for (var i = 0; i < labels.Length; i++)
        {
            labels[i] = (byte)ArgMax(probabilities.AsSpan(i * classCount, classCount));
        }

        return new Predictions(labels, probabilities, classCount);
    }

    /// <summary>The index of the largest value, the lowest index on ties.</summary>
    public static int ArgMax(ReadOnlySpan<float> row)
    {
        var best = 0;
        for (var c = 1; c < row.Length; c++)
        {
            if (row[c] > row[best])
            {
                best = c;
            }
        }

        return best;
    }

    /// <summary>The number of classes C.</summary>
    public int ClassCount { get; }

    /// <summary>The number of images.</summary>
    public int Count => _labels.Length;

    /// <summary>The predicted class of each image.</summary>
    public ReadOnlySpan<byte> Labels => _labels;

    /// <summary>Whether class probabilities are known.</summary>
    public bool HasProbabilities => _probabilities is not null;

    /// <summary>All probabilities, row-major; empty when unknown.</summary>
    public ReadOnlySpan<float> Probabilities => _probabilities;

    /// <summary>The probabilities of one image; empty when unknown.</summary>
    public ReadOnlySpan<float> ProbabilitiesOf(int image) =>
        _probabilities is null ? [] : _probabilities.AsSpan(image * ClassCount, ClassCount);
}
