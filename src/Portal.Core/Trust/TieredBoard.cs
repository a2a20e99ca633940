namespace Portal.Core.Trust;

/// <summary>
/// A board's rows in board order with their 95 % intervals and tiers (see <see cref="BoardTiers"/> for the rule),
/// and the resampling that made them.
/// </summary>
public sealed record TieredBoard(IReadOnlyList<TieredRow> Rows, int Resamples, ulong Seed, double Confidence)
{
    /// <summary>The rule in one sentence, for the board's legend.</summary>
    public const string Rule =
        "Rows in one band are within noise of the band's first row: the 95% paired-bootstrap interval of their difference in " +
        "macro F1 over the images contains 0. A new band starts at the first row beyond noise below the band's first row.";

    /// <summary>The number of tiers (0 for an empty board).</summary>
    public int TierCount => Rows.Count == 0 ? 0 : Rows[^1].Tier;
}
