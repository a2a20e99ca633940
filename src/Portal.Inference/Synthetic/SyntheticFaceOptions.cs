namespace Portal.Inference.Synthetic;

/// <summary>
/// What the synthetic face set looks like. The defaults mirror the classic mask task's hidden set:
/// 180 people with 7 photos each (5 mask worn, 1 worn incorrectly, 1 without), 384x512 pixels.
/// </summary>
public sealed record SyntheticFaceOptions
{
    /// <summary>The defaults.</summary>
    public static SyntheticFaceOptions Default { get; } = new();

    /// <summary>How many people to draw.</summary>
    public int People { get; init; } = 180;

    /// <summary>Photos per person: the last is without a mask, the one before it worn incorrectly, the rest worn (at least 3).</summary>
    public int ImagesPerPerson { get; init; } = 7;

    /// <summary>Image width in pixels.</summary>
    public int Width { get; init; } = 384;

    /// <summary>Image height in pixels.</summary>
    public int Height { get; init; } = 512;

    /// <summary>Decides everything: people, ids, labels and pixels.</summary>
    public ulong Seed { get; init; } = 2026;

    /// <summary>JPEG quality (1-100) of the <c>.jpg</c> and <c>.jpeg</c> images.</summary>
    public int JpegQuality { get; init; } = 90;

    /// <summary>The number of images: <see cref="People"/> x <see cref="ImagesPerPerson"/>.</summary>
    public int ImageCount => People * ImagesPerPerson;

    internal void Validate()
    {
        if (People is < 1 or > 100_000)
        {
            throw new ArgumentOutOfRangeException(nameof(People), People, "People must be between 1 and 100,000.");
        }

        if (ImagesPerPerson is < 3 or > 64)
        {
            throw new ArgumentOutOfRangeException(nameof(ImagesPerPerson), ImagesPerPerson,
                "Each person needs between 3 and 64 images (worn, incorrect and not worn).");
        }

        if (Width is < 32 or > 4096 || Height is < 32 or > 4096)
        {
            throw new ArgumentOutOfRangeException(nameof(Width), $"{Width}x{Height}", "Width and height must be between 32 and 4096 pixels.");
        }

        if (JpegQuality is < 1 or > 100)
        {
            throw new ArgumentOutOfRangeException(nameof(JpegQuality), JpegQuality, "JPEG quality must be between 1 and 100.");
        }
    }
}
