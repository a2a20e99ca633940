using Portal.Application.TrainingRuns;

namespace Portal.Web.Api;

/// <summary>
/// A submission's training run in the API. Scores are macro F1 in [0, 1] (<c>privateScore</c> null unless the caller sees
/// private scores); <c>uploadedAtUtc</c> null when the submission has no run (then <c>series</c> is empty);
/// <c>validationF1Last</c> / <c>validationF1Best</c>: the mean over folds of each fold's last and best value of
/// <c>validationTag</c>; <c>settings</c>: flattened key → value text; <c>series</c>: one entry per run (fold) and tag
/// with parallel arrays <c>steps</c> and <c>values</c> (null where the value was NaN or infinite).
/// </summary>
public sealed record ApiTrainingRun(
    int SubmissionId,
    string Team,
    string Description,
    double? PublicScore,
    double? PrivateScore,
    DateTime? UploadedAtUtc,
    bool Published,
    string? GitCommit,
    string? ValidationTag,
    double? ValidationF1Last,
    double? ValidationF1Best,
    int Files,
    IReadOnlyDictionary<string, string> Settings,
    IReadOnlyList<ApiTrainingRunSeries> Series)
{
    public static ApiTrainingRun From(TrainingRunView view)
    {
        ArgumentNullException.ThrowIfNull(view);
        return new ApiTrainingRun(view.SubmissionId, view.TeamName, view.Description, view.PublicScore, view.PrivateScore, view.UploadedAtUtc,
            view.IsPublished, view.GitCommit, view.ValidationTag, view.ValidationF1Last, view.ValidationF1Best, view.FileCount, view.Settings,
            view.Series.Select(s => new ApiTrainingRunSeries(s.Run, s.Tag, s.Steps, s.Values.Select(v => double.IsFinite(v) ? v : (double?)null).ToArray())).ToList());
    }
}

/// <summary>One curve: its run (fold folder, "." for the top), tag, and one step and value per point.</summary>
public sealed record ApiTrainingRunSeries(string Run, string Tag, long[] Steps, double?[] Values);

/// <summary>The body of <c>PUT /api/v1/submissions/{id}/training-run/published</c>.</summary>
public sealed record ApiPublishRequest(bool Published);
