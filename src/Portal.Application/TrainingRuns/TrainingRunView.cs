namespace Portal.Application.TrainingRuns;

/// <summary>
/// A submission's training run as a viewer may see it. <see cref="UploadedAtUtc"/> is null when the submission has no
/// run (then the lists are empty). Scores are the submission's macro F1 in [0, 1]: <see cref="PrivateScore"/> only where
/// the viewer sees private scores. <see cref="ValidationF1Last"/> / <see cref="ValidationF1Best"/> are the mean over
/// folds of each fold's last and best value of <see cref="ValidationTag"/>. <see cref="Settings"/> is flattened
/// key → value text (config, Optuna's best parameters, TensorBoard hparams prefixed by their run).
/// <see cref="IsOwn"/>: the viewer's own team's run (or a host's view), which it may replace, publish or withdraw.
/// </summary>
public sealed record TrainingRunView(
    int SubmissionId,
    string TeamName,
    string Description,
    double? PublicScore,
    double? PrivateScore,
    DateTime? UploadedAtUtc,
    bool IsPublished,
    bool IsOwn,
    string? GitCommit,
    string? ValidationTag,
    double? ValidationF1Last,
    double? ValidationF1Best,
    int FileCount,
    IReadOnlyDictionary<string, string> Settings,
    IReadOnlyList<TrainingRunSeries> Series)
{
    /// <summary>The distinct tags of the series, in ordinal order.</summary>
    public IReadOnlyList<string> Tags => Series.Select(s => s.Tag).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).ToArray();
}
