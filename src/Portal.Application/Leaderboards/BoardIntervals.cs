namespace Portal.Application.Leaderboards;

/// <summary>A board's intervals and tiers, or why they are not shown.</summary>
/// <param name="Board">Public or private.</param>
/// <param name="Rows">In board order, keyed by submission; empty when unavailable.</param>
/// <param name="Resamples">Bootstrap resamples.</param>
/// <param name="Seed">Bootstrap seed (the same rows always give the same intervals).</param>
/// <param name="Unavailable">Why the board is not shown to this viewer, or null.</param>
public sealed record BoardIntervals(BoardKind Board, IReadOnlyList<BoardIntervalRow> Rows, int Resamples, ulong Seed, string? Unavailable = null)
{
    /// <summary>The tier rule in one sentence, for the board's legend.</summary>
    public const string Rule = Portal.Core.Trust.TieredBoard.Rule;

    /// <summary>The row of <paramref name="submissionId"/>, or null.</summary>
    public BoardIntervalRow? For(int submissionId) => Rows.FirstOrDefault(r => r.SubmissionId == submissionId);
}
