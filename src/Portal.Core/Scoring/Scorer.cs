using Portal.Core.Competitions;

namespace Portal.Core.Scoring;

/// <summary>Scores predictions against the truth: every metric in one pass over the images.</summary>
public static class Scorer
{
    /// <summary>Scores all images.</summary>
    public static ScoreReport Score(ReadOnlySpan<byte> truth, ReadOnlySpan<byte> predicted, ClassTaxonomy taxonomy)
    {
        ArgumentNullException.ThrowIfNull(taxonomy);
        return FromConfusion(ConfusionMatrix.Compute(truth, predicted, taxonomy.Count), taxonomy);
    }

    /// <summary>Scores the images at <paramref name="positions"/> only (a public or private split).</summary>
    public static ScoreReport Score(ReadOnlySpan<byte> truth, ReadOnlySpan<byte> predicted, ClassTaxonomy taxonomy, ReadOnlySpan<int> positions)
    {
        ArgumentNullException.ThrowIfNull(taxonomy);
        return FromConfusion(ConfusionMatrix.Compute(truth, predicted, taxonomy.Count, positions), taxonomy);
    }

    /// <summary>Every metric from a confusion matrix.</summary>
    public static ScoreReport FromConfusion(ConfusionMatrix confusion, ClassTaxonomy taxonomy)
    {
        ArgumentNullException.ThrowIfNull(confusion);
        ArgumentNullException.ThrowIfNull(taxonomy);
        var perClass = ClassificationMetrics.PerClass(confusion);
        var attributes = new AttributeScore[taxonomy.Axes.Count];
        for (var a = 0; a < attributes.Length; a++)
        {
            var axis = taxonomy.Axes[a];
            var projected = confusion.Project(taxonomy.AxisValueTable(a), axis.Size);
            var perValue = ClassificationMetrics.PerClass(projected);
            attributes[a] = new AttributeScore(axis.Name, ClassificationMetrics.Accuracy(projected),
                ClassificationMetrics.MacroF1(perValue), perValue, projected);
        }

        return new ScoreReport(
            ClassificationMetrics.MacroF1(perClass),
            ClassificationMetrics.WeightedF1(perClass),
            ClassificationMetrics.Accuracy(confusion),
            perClass,
            confusion,
            attributes);
    }
}
