namespace Portal.Data.Entities;

/// <summary>
/// The labelled test set of a competition. Ids, labels and the public/private assignment are
/// compact blobs in hidden-set order; the images stay in file storage.
/// </summary>
public sealed class HiddenSet
{
    public int Id { get; set; }
    public int CompetitionId { get; set; }
    public int ImageCount { get; set; }

    /// <summary>The image ids, UTF-8, separated by '\n', in hidden-set order.</summary>
    public byte[] ImageIds { get; set; } = [];

    /// <summary>One byte per image: the true class.</summary>
    public byte[] Labels { get; set; } = [];

    /// <summary>One byte per image: 1 public, 0 private.</summary>
    public byte[] PublicMask { get; set; } = [];

    /// <summary>The storage folder holding the images.</summary>
    public string ImagesKey { get; set; } = "";

    public DateTime CreatedAtUtc { get; set; }
}
