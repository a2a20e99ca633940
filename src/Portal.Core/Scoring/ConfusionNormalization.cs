namespace Portal.Core.Scoring;

/// <summary>How a confusion matrix is normalised (scikit-learn's <c>normalize</c>).</summary>
public enum ConfusionNormalization
{
    /// <summary>Raw counts.</summary>
    None,

    /// <summary>Each row (true class) sums to 1.</summary>
    ByTruth,

    /// <summary>Each column (predicted class) sums to 1.</summary>
    ByPrediction,

    /// <summary>The whole matrix sums to 1.</summary>
    All,
}
