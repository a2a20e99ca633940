namespace Portal.Application.TrainingRuns;

/// <summary>
/// One file of a training-run upload: <see cref="FileName"/> as the sender gave it (may carry folders,
/// "fold_0/events.out.tfevents.1.host", which name the run; '\' is read as '/'), its <see cref="Length"/> in bytes
/// (null when the sender's limit cut it off: refused as too large), and how to <see cref="Open"/> it. A <c>.zip</c>
/// is a run folder packed whole.
/// </summary>
public sealed record TrainingRunUpload(string FileName, long? Length, Func<Stream> Open);
