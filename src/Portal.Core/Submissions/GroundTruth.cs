namespace Portal.Core.Submissions;

/// <summary>The hidden set: its images in stored order and the true class of each.</summary>
public sealed class GroundTruth
{
    private readonly byte[] _labels;

    /// <summary>Pairs <paramref name="images"/> with their true <paramref name="labels"/> (same order).</summary>
    public GroundTruth(ImageIndex images, byte[] labels, int classCount)
    {
        ArgumentNullException.ThrowIfNull(images);
        ArgumentNullException.ThrowIfNull(labels);
        if (labels.Length != images.Count)
        {
            throw new ArgumentException("There must be one label per image.", nameof(labels));
        }

        foreach (var label in labels)
        {
            if (label >= classCount)
            {
                throw new ArgumentOutOfRangeException(nameof(labels), $"Label {label} is not below the class count {classCount}.");
            }
        }

        Images = images;
        _labels = labels;
        ClassCount = classCount;
    }

    /// <summary>The images, in stored order.</summary>
    public ImageIndex Images { get; }

    /// <summary>The true class of each image, in stored order.</summary>
    public ReadOnlySpan<byte> Labels => _labels;

    /// <summary>The number of classes C.</summary>
    public int ClassCount { get; }

    /// <summary>The number of images.</summary>
    public int Count => _labels.Length;
}
