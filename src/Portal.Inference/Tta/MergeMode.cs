namespace Portal.Inference.Tta;

/// <summary>How the per-view probabilities of one image are merged (after softmax), as in ttach.</summary>
public enum MergeMode
{
    /// <summary>Arithmetic mean.</summary>
    Mean,

    /// <summary>Geometric mean, renormalised.</summary>
    GeometricMean,

    /// <summary>Largest probability per class, renormalised.</summary>
    Max,

    /// <summary>Smallest probability per class, renormalised.</summary>
    Min,

    /// <summary>Mean of the square roots (temperature sharpening with t = 0.5), renormalised.</summary>
    TSharpen,
}
