using Portal.Core.Scoring;

namespace Portal.Core.Comparison;

/// <summary>
/// How two submissions relate, label-free: agreement, Cohen's kappa (null where it is undefined,
/// see <see cref="KappaUndefinedReason"/>), the transition matrix (rows A's label, columns B's),
/// per-attribute disagreement and each one's class counts.
/// </summary>
public sealed record Agreement(
    double Rate,
    double? Kappa,
    ConfusionMatrix Transition,
    IReadOnlyList<AttributeDisagreement> Attributes)
{
    /// <summary>The number of images compared.</summary>
    public long Count => Transition.Total;

    /// <summary>The number of images on which A and B differ.</summary>
    public long Differing => Transition.Total - Transition.Diagonal;

    /// <summary>How often A predicts each class.</summary>
    public long[] CountsA => Transition.RowTotals();

    /// <summary>How often B predicts each class.</summary>
    public long[] CountsB => Transition.ColumnTotals();

    /// <summary>Why <see cref="Kappa"/> is undefined, as the end of a sentence shown after "undefined: "; null when it is defined.</summary>
    public string? KappaUndefinedReason => Kappa is not null
        ? null
        : Count == 0
            ? "no images were compared"
            : "both submissions predict a single class, so chance agreement is 1";
}
