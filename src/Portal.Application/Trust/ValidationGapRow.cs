using Portal.Core.Trust;

namespace Portal.Application.Trust;

/// <summary>One submission's validation macro F1 against its public macro F1 (see <see cref="ValidationGapCheck"/>).</summary>
/// <param name="SubmissionId">The submission.</param>
/// <param name="Description">The team's words for it.</param>
/// <param name="CreatedAtUtc">When it was made.</param>
/// <param name="PublicF1">Its public macro F1.</param>
/// <param name="PublicLower">Lower end of the public score's 95% bootstrap interval.</param>
/// <param name="PublicUpper">Upper end of the public score's 95% bootstrap interval.</param>
/// <param name="Validation">The team's validation macro F1 (the mean of the folds when only folds were sent).</param>
/// <param name="ValidationLower">Lower end of the validation range: 1.96 fold standard deviations below, or the value itself without folds.</param>
/// <param name="ValidationUpper">Upper end of the validation range.</param>
/// <param name="Folds">How many per-fold values were sent (0 for none).</param>
/// <param name="Gap">Validation minus public.</param>
/// <param name="Tolerance">The combined 95% half-width of the two scores' noise.</param>
/// <param name="Ratio">|Gap| / Tolerance.</param>
/// <param name="Verdict">Within noise, beyond noise, or a shift.</param>
/// <param name="Message">The verdict in sentences for the team.</param>
public sealed record ValidationGapRow(
    int SubmissionId,
    string Description,
    DateTime CreatedAtUtc,
    double PublicF1,
    double PublicLower,
    double PublicUpper,
    double Validation,
    double ValidationLower,
    double ValidationUpper,
    int Folds,
    double Gap,
    double Tolerance,
    double Ratio,
    ValidationGapVerdict Verdict,
    string Message);
