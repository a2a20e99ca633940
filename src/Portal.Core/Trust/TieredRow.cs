using Portal.Core.Comparison;

namespace Portal.Core.Trust;

/// <summary>
/// One row of a board with its score interval and tier. <see cref="Position"/> is the row's 0-based place in board
/// order. <see cref="ToRowAbove"/> is the paired interval of macro F1(row above) - macro F1(this row) (A = this row,
/// B = the row above); <see cref="AgainstLeader"/> is the same against the first row of the tier the row was tested
/// against (<see cref="LeaderPosition"/>): its own tier's first row, or, when the row starts a tier, the first row
/// of the tier above, which it is beyond noise of. Both are null for the first row. <see cref="Tier"/> counts from 1.
/// </summary>
public sealed record TieredRow(
    int Position,
    ScoreInterval Score,
    BootstrapInterval? ToRowAbove,
    int? LeaderPosition,
    BootstrapInterval? AgainstLeader,
    int Tier)
{
    /// <summary>Whether this row is the first of its tier.</summary>
    public bool StartsTier => AgainstLeader is null || AgainstLeader.BeyondNoise;
}
