using Portal.Core.Trust;

namespace Portal.Application.Trust;

/// <summary>A team's validation gap: every scored submission that carries validation numbers, oldest first, or why it is not shown.</summary>
/// <param name="Rows">Oldest first; empty when none carries validation numbers.</param>
/// <param name="Resamples">Bootstrap resamples of the public intervals (Compare's).</param>
/// <param name="Seed">Bootstrap seed (Compare's).</param>
/// <param name="Unavailable">Why the viewer sees no report (not in a team of this competition), or null.</param>
public sealed record ValidationGapReport(IReadOnlyList<ValidationGapRow> Rows, int Resamples, ulong Seed, string? Unavailable = null)
{
    /// <summary>The sentence that opens a shift's message: "Your validation set does not look like the test set."</summary>
    public const string ShiftSentence = ValidationGapCheck.ShiftSentence;

    /// <summary>The rows whose gap is much larger than the noise.</summary>
    public IEnumerable<ValidationGapRow> Shifts => Rows.Where(r => r.Verdict == ValidationGapVerdict.Shift);
}
