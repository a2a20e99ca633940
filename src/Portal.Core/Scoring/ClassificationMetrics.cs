namespace Portal.Core.Scoring;

/// <summary>
/// scikit-learn's precision_recall_fscore_support, f1_score and accuracy_score over a confusion
/// matrix, with every class counted (labels = 0..C-1) and zero division giving 0.
/// </summary>
public static class ClassificationMetrics
{
    /// <summary>Per-class precision, recall, F1 and support.</summary>
    public static ClassScore[] PerClass(ConfusionMatrix confusion)
    {
        ArgumentNullException.ThrowIfNull(confusion);
        var support = confusion.RowTotals();
        var predicted = confusion.ColumnTotals();
        var scores = new ClassScore[confusion.ClassCount];
        for (var k = 0; k < scores.Length; k++)
        {
            long tp = confusion[k, k];
            scores[k] = new ClassScore(k,
                Divide(tp, predicted[k]),
                Divide(tp, support[k]),
                Divide(2 * tp, support[k] + predicted[k]),
                support[k]);
        }

        return scores;
    }

    /// <summary>The unweighted mean of the per-class F1 over all classes.</summary>
    public static double MacroF1(IReadOnlyList<ClassScore> perClass)
    {
        ArgumentNullException.ThrowIfNull(perClass);
        double sum = 0;
        foreach (var s in perClass)
        {
            sum += s.F1;
        }

        return perClass.Count == 0 ? 0 : sum / perClass.Count;
    }

    /// <summary>The mean of the per-class F1 weighted by support (0 when nothing is supported).</summary>
    public static double WeightedF1(IReadOnlyList<ClassScore> perClass)
    {
        ArgumentNullException.ThrowIfNull(perClass);
        double sum = 0;
        long support = 0;
        foreach (var s in perClass)
        {
            sum += s.F1 * s.Support;
            support += s.Support;
        }

        return support == 0 ? 0 : sum / support;
    }

    /// <summary>The fraction of pairs on the diagonal.</summary>
    public static double Accuracy(ConfusionMatrix confusion)
    {
        ArgumentNullException.ThrowIfNull(confusion);
        var total = confusion.Total;
        return total == 0 ? 0 : (double)confusion.Diagonal / total;
    }

    /// <summary>Macro F1 straight from the counts.</summary>
    public static double MacroF1(ConfusionMatrix confusion) => MacroF1(PerClass(confusion));

    private static double Divide(long numerator, long denominator) => denominator == 0 ? 0 : (double)numerator / denominator;
}
