namespace Portal.Inference.Tta;

/// <summary>
/// An element of the dihedral group D4 (the 8 symmetries of a square), applied to the view's pixels.
/// Rotations are counter-clockwise, as <c>torch.rot90</c>, <c>numpy.rot90</c> and ttach.
/// </summary>
public enum TtaSymmetry
{
    Identity,
    HFlip,
    VFlip,
    Rot90,
    Rot180,
    Rot270,

    /// <summary>Mirror across the main diagonal: <c>rot90(hflip(x))</c>.</summary>
    Transpose,

    /// <summary>Mirror across the anti-diagonal: <c>rot270(hflip(x))</c>.</summary>
    AntiTranspose,
}
