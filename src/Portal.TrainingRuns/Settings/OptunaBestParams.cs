namespace Portal.TrainingRuns.Settings;

/// <summary>
/// Optuna's best trial as a team saves it: <see cref="Parameters"/> (<c>study.best_params</c>, flattened as any
/// settings) and, when the file has it, <see cref="BestValue"/> (<c>study.best_value</c>, the objective).
/// </summary>
public sealed record OptunaBestParams(RunSettings Parameters, double? BestValue);
