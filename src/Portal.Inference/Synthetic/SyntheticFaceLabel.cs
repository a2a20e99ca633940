namespace Portal.Inference.Synthetic;

/// <summary>
/// One image of the synthetic hidden set: its file name and its truth. <paramref name="Label"/> is
/// <c>mask*6 + gender*3 + age</c>; <paramref name="Index"/> is the image's number within its person.
/// </summary>
public sealed record SyntheticFaceLabel(
    string ImageId,
    int Label,
    MaskState Mask,
    Gender Gender,
    AgeGroup Age,
    int Person,
    int Index)
{
    /// <summary>The class of a mask, gender and age combination (<c>mask*6 + gender*3 + age</c>).</summary>
    public static int ClassOf(MaskState mask, Gender gender, AgeGroup age) => (int)mask * 6 + (int)gender * 3 + (int)age;

    /// <summary>Whether the image is stored as PNG (otherwise JPEG), as its extension says.</summary>
    public bool IsPng => ImageId.EndsWith(".png", StringComparison.Ordinal);
}
