namespace Portal.Inference.Synthetic;

/// <summary>How a mask's surface is decorated.</summary>
internal enum MaskPattern
{
    Plain,
    Pleats,
    Stripes,
    Dots,
    Checks,
}
