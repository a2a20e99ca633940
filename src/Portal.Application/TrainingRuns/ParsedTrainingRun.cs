namespace Portal.Application.TrainingRuns;

/// <summary>A training run read from its upload, before it is stored: series, flattened settings, commit, file count and total points.</summary>
internal sealed record ParsedTrainingRun(
    IReadOnlyList<TrainingRunSeries> Series,
    IReadOnlyDictionary<string, string> Settings,
    string? GitCommit,
    int Files,
    long Points);
