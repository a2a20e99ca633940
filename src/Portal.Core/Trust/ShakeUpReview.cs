namespace Portal.Core.Trust;

/// <summary>
/// The real public-to-private moves after close beside the forecast: one <see cref="RankMoveCheck"/> per row in public
/// board order, the share of rows whose private rank fell inside their forecast range (about the forecast's coverage
/// when it is calibrated), and Kendall's tau-b between the public and private ranks (null when undefined).
/// </summary>
public sealed record ShakeUpReview(IReadOnlyList<RankMoveCheck> Rows, double WithinShare, double? KendallTau);
