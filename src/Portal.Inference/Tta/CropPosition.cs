namespace Portal.Inference.Tta;

/// <summary>
/// Which input-sized window of the larger cached image a crop view takes (torchvision's <c>FiveCrop</c> order).
/// <see cref="None"/> takes the whole cached image.
/// </summary>
public enum CropPosition
{
    None,
    TopLeft,
    TopRight,
    BottomLeft,
    BottomRight,
    Center,
}
