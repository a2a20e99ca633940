namespace Portal.Core.Trust;

/// <summary>
/// A submission's validation gap: <see cref="Gap"/> = validation macro F1 - public macro F1 (positive when validation
/// is higher, the usual case); <see cref="Tolerance"/> the combined 95 % half-width of the two scores' noise;
/// <see cref="Ratio"/> = |Gap| / Tolerance (infinity when the tolerance is 0 and the gap is not); the verdict and the
/// sentence shown to the team. Scores in [0, 1].
/// </summary>
public sealed record ValidationGap(
    ScoreInterval Public,
    double Validation,
    ValidationFolds? Folds,
    double Gap,
    double Tolerance,
    double Ratio,
    ValidationGapVerdict Verdict,
    string Message);
