namespace Portal.Application.Trust;

/// <summary>The upload form's validation fields as typed (an object the submit panel owns and the fields edit in place).</summary>
public sealed class ValidationScoreInput
{
    /// <summary>The label of the validation macro F1 field, which its errors name.</summary>
    public const string F1Label = "Validation macro F1";

    /// <summary>The label of the per-fold field, which its errors name.</summary>
    public const string FoldsLabel = "Per-fold validation F1";

    public string F1 { get; set; } = "";

    public string Folds { get; set; } = "";

    /// <summary>The scores typed (null when both are blank), or the error naming the field, by <see cref="ValidationScores.TryParse"/>.</summary>
    public bool TryRead(out ValidationScores? scores, out string? error) =>
        ValidationScores.TryParse(F1, Folds, out scores, out error, F1Label, FoldsLabel);

    /// <summary>The error of the F1 field alone, or null.</summary>
    public string? F1Error => ValidationScores.TryParse(F1, null, out _, out var error, F1Label, FoldsLabel) ? null : error;

    /// <summary>The error of the folds field alone, or null.</summary>
    public string? FoldsError => ValidationScores.TryParse(null, Folds, out _, out var error, F1Label, FoldsLabel) ? null : error;
}
