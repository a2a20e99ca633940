namespace Portal.Core.Ensembles;

/// <summary>How members' predictions are combined.</summary>
public enum EnsembleMethod
{
    /// <summary>Weighted vote of labels; ties go to the higher summed probability where known, then the lowest class.</summary>
    Hard,

    /// <summary>Weighted mean of probabilities.</summary>
    Soft,

    /// <summary>Weighted geometric mean of probabilities, renormalised.</summary>
    GeometricMean,
}
