namespace Portal.TrainingRuns;

/// <summary>
/// One file of a training run to read: the <see cref="Run"/> its series belong to, its <see cref="FileName"/> as shown
/// in refusals (never a server path), its <see cref="Kind"/> and how to <see cref="Open"/> it (a readable stream,
/// closed by the reader).
/// </summary>
public sealed record RunFile(string Run, string FileName, RunFileKind Kind, Func<Stream> Open);
