namespace Portal.Application.Leaderboards;

/// <summary>One board row's macro F1 with its 95% paired-bootstrap interval and its tier (see <see cref="Portal.Core.Trust.BoardTiers"/>).</summary>
/// <param name="SubmissionId">The row's submission (the key a board row carries).</param>
/// <param name="MacroF1">Its macro F1 on the board's images.</param>
/// <param name="Lower">Lower end of the 95% interval.</param>
/// <param name="Upper">Upper end of the 95% interval.</param>
/// <param name="Tier">1 for the top band, and so on.</param>
/// <param name="StartsTier">Whether the row is the first of its band.</param>
public sealed record BoardIntervalRow(int SubmissionId, double MacroF1, double Lower, double Upper, int Tier, bool StartsTier);
