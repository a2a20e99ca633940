namespace Portal.Core.Scoring;

/// <summary>Every metric of one submission against the truth; macro F1 is the ranking metric.</summary>
public sealed record ScoreReport(
    double MacroF1,
    double WeightedF1,
    double Accuracy,
    IReadOnlyList<ClassScore> PerClass,
    ConfusionMatrix Confusion,
    IReadOnlyList<AttributeScore> Attributes)
{
    /// <summary>The number of images scored.</summary>
    public long Count => Confusion.Total;
}
