using System.Globalization;

namespace Portal.Core.Trust;

/// <summary>
/// Flags a validation macro F1 that the public score's interval cannot explain: the classic 0.99 on validation
/// against 0.70 on the board, a distribution shift or a leak between training and validation.
/// </summary>
/// <remarks>
/// <para>
/// The rule. The public side's noise is the half of the public score's bootstrap interval on the validation side
/// (Upper - Score when validation is higher, Score - Lower when lower). The validation side's noise is 1.96 times the
/// standard deviation of the per-fold scores when folds are given (a 95 % range of one fold's score; a single split
/// with no folds counts as exact, which flags more). The tolerance combines the two as independent errors,
/// sqrt(public^2 + validation^2). With ratio = |gap| / tolerance: up to 1, within noise; above
/// <see cref="ShiftRatio"/> (3), a shift; between, beyond noise but modest.
/// </para>
/// <para>
/// Why 3: a gap of three 95 % half-widths is about six standard errors, which sampling alone essentially never
/// produces (two-sided p below 1e-8). Choosing the best of many models on one validation set inflates the validation
/// score by one or two standard errors, so gaps between 1 and 3 are reported as beyond noise but not as a different
/// distribution. In the mask task the usual cause of a shift is images of the same person in training and validation
/// (seven images per person): validation then measures recognition of known faces, the test set does not.
/// </para>
/// <para>
/// Leak safety: the inputs are the public score and its interval (aggregates of the public split) and the team's own
/// numbers; nothing per image.
/// </para>
/// </remarks>
public static class ValidationGapCheck
{
    /// <summary>The ratio of gap to tolerance above which the verdict is <see cref="ValidationGapVerdict.Shift"/>.</summary>
    public const double ShiftRatio = 3;

    /// <summary>The sentence that opens the message of a shift.</summary>
    public const string ShiftSentence = "Your validation set does not look like the test set.";

    /// <summary>The standard normal quantile of a two-sided 95 % range.</summary>
    internal const double Z95 = 1.959963984540054;

    /// <summary>
    /// Assesses the gap between <paramref name="publicScore"/> and the team's validation macro F1: <paramref name="validation"/>,
    /// or the mean of <paramref name="folds"/> when it is null. Throws <see cref="ArgumentException"/> when neither is given
    /// and <see cref="ArgumentOutOfRangeException"/> for a score outside [0, 1] or a negative or non-finite spread.
    /// </summary>
    public static ValidationGap Assess(ScoreInterval publicScore, double? validation, ValidationFolds? folds = null)
    {
        ArgumentNullException.ThrowIfNull(publicScore);
        RequireScore(publicScore.Score, nameof(publicScore));
        var value = validation ?? folds?.Mean ?? throw new ArgumentException("Give a validation macro F1, per-fold values, or both.", nameof(validation));
        RequireScore(value, nameof(validation));
        if (folds is not null && !(folds.StandardDeviation >= 0 && double.IsFinite(folds.StandardDeviation)))
        {
            throw new ArgumentOutOfRangeException(nameof(folds), "The fold spread must be a finite number of at least 0.");
        }

        var gap = value - publicScore.Score;
        var publicSide = Math.Max(0, gap >= 0 ? publicScore.Upper - publicScore.Score : publicScore.Score - publicScore.Lower);
        var validationSide = folds?.HalfWidth95 ?? 0;
        var tolerance = Math.Sqrt(publicSide * publicSide + validationSide * validationSide);
        var ratio = tolerance > 0 ? Math.Abs(gap) / tolerance : gap == 0 ? 0 : double.PositiveInfinity;
        var verdict = ratio <= 1 ? ValidationGapVerdict.WithinNoise
            : ratio <= ShiftRatio ? ValidationGapVerdict.BeyondNoise
            : ValidationGapVerdict.Shift;
        return new ValidationGap(publicScore, value, folds, gap, tolerance, ratio, verdict, Message(verdict, gap, value, publicScore, ratio));
    }

    internal static void RequireScore(double score, string parameter)
    {
        if (!(score >= 0 && score <= 1))
        {
            throw new ArgumentOutOfRangeException(parameter, $"A macro F1 is between 0 and 1; got {score.ToString(CultureInfo.InvariantCulture)}.");
        }
    }

    private static string Message(ValidationGapVerdict verdict, double gap, double validation, ScoreInterval score, double ratio)
    {
        var times = double.IsPositiveInfinity(ratio) ? "far more than" : string.Create(CultureInfo.InvariantCulture, $"{ratio:0.0} times");
        var numbers = string.Create(CultureInfo.InvariantCulture,
            $"validation {validation:0.0000} against public {score.Score:0.0000} ({score.Confidence:0%} interval {score.Lower:0.0000} to {score.Upper:0.0000})");
        return verdict switch
        {
            ValidationGapVerdict.WithinNoise => $"Your validation score agrees with the public score within noise: {numbers}.",
            ValidationGapVerdict.BeyondNoise when gap > 0 =>
                $"Your validation score is higher than the public score by more than noise ({times} it): {numbers}. Choosing among many models on one validation set inflates its score a little.",
            ValidationGapVerdict.BeyondNoise =>
                $"Your validation score is lower than the public score by more than noise ({times} it): {numbers}.",
            _ when gap > 0 =>
                $"{ShiftSentence} The gap is {times} what noise explains: {numbers}. Common causes: images of the same person in training and validation, or a validation set drawn differently from the test images.",
            _ =>
                $"{ShiftSentence} Validation is far below the public score, {times} what noise explains: {numbers}. Check that validation uses macro F1 over all classes and the same labels.",
        };
    }
}
