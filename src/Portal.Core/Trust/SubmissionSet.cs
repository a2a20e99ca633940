using Portal.Core.Scoring;

namespace Portal.Core.Trust;

/// <summary>
/// N submissions' labels on the same M images, checked and reduced to what every resampling needs: the truth,
/// each submission's mistakes and its macro F1 on all M images.
/// </summary>
internal sealed class SubmissionSet
{
    private readonly ImageGroups[] _mistakes;
    private readonly double[] _observed;

    private SubmissionSet(byte[] truth, ImageGroups[] mistakes, double[] observed, int classCount)
    {
        Truth = truth;
        ByClass = ImageGroups.ByClass(truth, classCount);
        _mistakes = mistakes;
        _observed = observed;
        ClassCount = classCount;
    }

    /// <summary>
    /// Checks and prepares the set. Throws <see cref="ArgumentException"/> when a labelling does not cover the M
    /// images of <paramref name="truth"/> or holds a label not below <paramref name="classCount"/>, and
    /// <see cref="ArgumentOutOfRangeException"/> when <paramref name="classCount"/> is not in [1, 256].
    /// </summary>
    public static SubmissionSet Create(ReadOnlySpan<byte> truth, IReadOnlyList<ReadOnlyMemory<byte>> predictions, int classCount)
    {
        ArgumentNullException.ThrowIfNull(predictions);
        ArgumentOutOfRangeException.ThrowIfLessThan(classCount, 1);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(classCount, 256);
        RequireLabels(truth, classCount, nameof(truth));
        var mistakes = new ImageGroups[predictions.Count];
        var observed = new double[predictions.Count];
        for (var s = 0; s < predictions.Count; s++)
        {
            var predicted = predictions[s].Span;
            if (predicted.Length != truth.Length)
            {
                throw new ArgumentException(
                    $"Submission {s} has {predicted.Length} labels; every submission must cover the {truth.Length} images of the truth.",
                    nameof(predictions));
            }

            RequireLabels(predicted, classCount, nameof(predictions));
            mistakes[s] = ImageGroups.Mistakes(truth, predicted, classCount);
            observed[s] = ClassificationMetrics.MacroF1(ConfusionMatrix.Compute(truth, predicted, classCount));
        }

        return new SubmissionSet(truth.ToArray(), mistakes, observed, classCount);
    }

    /// <summary>The true class of each image.</summary>
    public byte[] Truth { get; }

    /// <summary>The number of images M.</summary>
    public int Images => Truth.Length;

    /// <summary>The number of submissions N.</summary>
    public int Count => _mistakes.Length;

    /// <summary>The number of classes C.</summary>
    public int ClassCount { get; }

    /// <summary>Every image, grouped by its true class.</summary>
    public ImageGroups ByClass { get; }

    /// <summary>The images submission <paramref name="s"/> gets wrong, grouped by (true, predicted) class.</summary>
    public ImageGroups MistakesOf(int s) => _mistakes[s];

    /// <summary>Submission <paramref name="s"/>'s macro F1 on all M images (scikit-learn's, all C labels, zero division 0).</summary>
    public double Observed(int s) => _observed[s];

    private static void RequireLabels(ReadOnlySpan<byte> labels, int classCount, string parameter)
    {
        if (classCount < 256 && labels.IndexOfAnyInRange((byte)classCount, byte.MaxValue) is var at and >= 0)
        {
            throw new ArgumentException($"Label {labels[at]} at position {at} is not below the class count {classCount}.", parameter);
        }
    }
}
