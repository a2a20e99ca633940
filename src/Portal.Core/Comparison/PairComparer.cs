using Portal.Core.Competitions;
using Portal.Core.Scoring;

namespace Portal.Core.Comparison;

/// <summary>Compares two submissions' labels without the truth.</summary>
public static class PairComparer
{
    /// <summary>Agreement, kappa, transition matrix and per-attribute disagreement of A and B.</summary>
    public static Agreement Compare(ReadOnlySpan<byte> a, ReadOnlySpan<byte> b, ClassTaxonomy taxonomy)
    {
        ArgumentNullException.ThrowIfNull(taxonomy);
        var transition = ConfusionMatrix.Compute(a, b, taxonomy.Count);
        var total = transition.Total;
        var attributes = new AttributeDisagreement[taxonomy.Axes.Count];
        for (var axis = 0; axis < attributes.Length; axis++)
        {
            var projected = transition.Project(taxonomy.AxisValueTable(axis), taxonomy.Axes[axis].Size);
            var differing = projected.Total - projected.Diagonal;
            attributes[axis] = new AttributeDisagreement(taxonomy.Axes[axis].Name, differing, total == 0 ? 0 : (double)differing / total);
        }

        return new Agreement(total == 0 ? 1 : (double)transition.Diagonal / total, CohenKappa(transition), transition, attributes);
    }

    /// <summary>
    /// Cohen's kappa of two labellings from their transition matrix, as scikit-learn computes it; null where
    /// it is 0/0: when chance agreement is certain (both give every image the same single class) or there are no images.
    /// </summary>
    public static double? CohenKappa(ConfusionMatrix transition)
    {
        ArgumentNullException.ThrowIfNull(transition);
        double n = transition.Total;
        if (n == 0)
        {
            return null;
        }

        var rows = transition.RowTotals();
        var columns = transition.ColumnTotals();
        double expectedAgreement = 0;
        for (var k = 0; k < rows.Length; k++)
        {
            expectedAgreement += (double)rows[k] * columns[k];
        }

        expectedAgreement /= n;
        var expectedDisagreement = n - expectedAgreement;
        var observedDisagreement = n - transition.Diagonal;

        // Expected disagreement is 0 only when A and B each put every image in the same one class, and then
        // observed disagreement is 0 too: 0/0, which scikit-learn 1.2.1 answers with nan (later versions with
        // a configurable replacement). Reporting 1 would call two constant submissions perfectly correlated.
        return expectedDisagreement == 0 ? null : 1 - observedDisagreement / expectedDisagreement;
    }
}
