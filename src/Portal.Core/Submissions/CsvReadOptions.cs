namespace Portal.Core.Submissions;

/// <summary>Limits and tolerances for reading truth and submission files.</summary>
public sealed record CsvReadOptions
{
    /// <summary>The defaults: 256 MiB, 100 problems listed, row sums within 1e-3.</summary>
    public static CsvReadOptions Default { get; } = new();

    /// <summary>Largest accepted file, in bytes.</summary>
    public long MaxBytes { get; init; } = 256L * 1024 * 1024;

    /// <summary>How many problems are listed before the rest are only counted.</summary>
    public int MaxListedProblems { get; init; } = 100;

    /// <summary>How far from 1 the probabilities of a row may sum.</summary>
    public double RowSumTolerance { get; init; } = 1e-3;

    /// <summary>How many missing image ids are named in the problem that reports them.</summary>
    public int MissingIdsNamed { get; init; } = 5;
}
