namespace Portal.TrainingRuns.Series;

/// <summary>Which way a metric improves: the best point of a loss is its lowest, of an F1 its highest.</summary>
public enum MetricDirection
{
    /// <summary>Larger is better (accuracy, F1, AUC).</summary>
    Higher,

    /// <summary>Smaller is better (loss, error).</summary>
    Lower,
}
