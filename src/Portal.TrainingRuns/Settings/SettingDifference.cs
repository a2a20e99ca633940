namespace Portal.TrainingRuns.Settings;

/// <summary>One setting that differs between two runs; null where a run does not have it.</summary>
public sealed record SettingDifference(string Key, string? Left, string? Right);
