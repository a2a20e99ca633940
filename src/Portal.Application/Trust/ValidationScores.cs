using System.Globalization;
using Portal.Core.Trust;

namespace Portal.Application.Trust;

/// <summary>
/// A team's own validation numbers sent with a submission: its validation macro F1, its per-fold values, or both, each
/// in [0, 1]. Only <see cref="TryParse"/> and <see cref="TryCreate"/> make one, so a value in hand is always valid: the
/// upload form, the API's form fields and an ensemble's JSON all pass through the same rule.
/// </summary>
public sealed record ValidationScores
{
    /// <summary>The API's form field (and JSON property) of the validation macro F1.</summary>
    public const string F1Field = "validationF1";

    /// <summary>The API's form field (and JSON property) of the per-fold values.</summary>
    public const string FoldsField = "validationFolds";

    /// <summary>The most per-fold values taken (k-fold cross-validation rarely has more than 10).</summary>
    public const int MaxFolds = 50;

    private ValidationScores(double? f1, IReadOnlyList<double> folds)
    {
        F1 = f1;
        Folds = folds;
    }

    /// <summary>The validation macro F1, or null when only folds were given.</summary>
    public double? F1 { get; }

    /// <summary>The per-fold values (at least two), or empty.</summary>
    public IReadOnlyList<double> Folds { get; }

    /// <summary>The folds in summary (mean and spread), or null without folds.</summary>
    public ValidationFolds? FoldSummary => Folds.Count >= 2 ? ValidationFolds.FromValues(Folds) : null;

    /// <summary>
    /// Reads the two fields as text (a number such as <c>0.83</c>; folds separated by commas, invariant culture). Both
    /// blank: true with <paramref name="scores"/> null. Wrong: false with <paramref name="error"/>, a sentence naming the
    /// field by <paramref name="f1Name"/> or <paramref name="foldsName"/>.
    /// </summary>
    public static bool TryParse(string? f1, string? folds, out ValidationScores? scores, out string? error,
        string f1Name = F1Field, string foldsName = FoldsField)
    {
        scores = null;
        double? value = null;
        if (!string.IsNullOrWhiteSpace(f1))
        {
            if (!TryNumber(f1, out var parsed))
            {
                error = $"{f1Name} must be a macro F1 between 0 and 1, such as 0.83; '{Cut(f1)}' is not a number.";
                return false;
            }

            value = parsed;
        }

        List<double>? values = null;
        if (!string.IsNullOrWhiteSpace(folds))
        {
            values = [];
            foreach (var part in folds.Split(',', StringSplitOptions.TrimEntries))
            {
                if (!TryNumber(part, out var parsed))
                {
                    error = $"{foldsName} must be numbers between 0 and 1 separated by commas, such as 0.81,0.83,0.80; '{Cut(part)}' is not a number.";
                    return false;
                }

                values.Add(parsed);
            }
        }

        return TryCreate(value, values, out scores, out error, f1Name, foldsName);
    }

    /// <summary>
    /// Checks numbers already read (an ensemble's JSON): each in [0, 1], two to <see cref="MaxFolds"/> folds. Neither
    /// given: true with <paramref name="scores"/> null. Wrong: false with <paramref name="error"/> naming the field.
    /// </summary>
    public static bool TryCreate(double? f1, IReadOnlyList<double>? folds, out ValidationScores? scores, out string? error,
        string f1Name = F1Field, string foldsName = FoldsField)
    {
        scores = null;
        error = null;
        if (f1 is { } value && !IsScore(value))
        {
            error = $"{f1Name} must be a macro F1 between 0 and 1, such as 0.83; {Show(value)} is not.";
            return false;
        }

        var list = folds ?? [];
        if (list.Count == 1)
        {
            error = $"{foldsName} needs at least two per-fold values, separated by commas; for a single split send {f1Name} alone.";
            return false;
        }

        if (list.Count > MaxFolds)
        {
            error = $"{foldsName} takes at most {MaxFolds} per-fold values; there are {list.Count}.";
            return false;
        }

        foreach (var v in list)
        {
            if (!IsScore(v))
            {
                error = $"{foldsName} must be macro F1 values between 0 and 1; {Show(v)} is not.";
                return false;
            }
        }

        if (f1 is null && list.Count == 0)
        {
            return true;
        }

        scores = new ValidationScores(f1, list.ToArray());
        return true;
    }

    private static bool IsScore(double value) => value >= 0 && value <= 1;

    private static bool TryNumber(string text, out double value) =>
        double.TryParse(text.Trim(), NumberStyles.Float, CultureInfo.InvariantCulture, out value) && double.IsFinite(value);

    private static string Show(double value) => value.ToString("R", CultureInfo.InvariantCulture);

    private static string Cut(string text) => text.Length <= 20 ? text : text[..20] + "…";
}
