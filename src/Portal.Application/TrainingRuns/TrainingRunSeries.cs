namespace Portal.Application.TrainingRuns;

/// <summary>
/// One curve of a stored run: its <see cref="Run"/> (fold or run folder, "." for the root), <see cref="Tag"/>, and the
/// parallel arrays <see cref="Steps"/> (global step) and <see cref="Values"/> (as written; NaN and infinities kept),
/// one entry per point, in the order written.
/// </summary>
public sealed record TrainingRunSeries(string Run, string Tag, long[] Steps, double[] Values);
