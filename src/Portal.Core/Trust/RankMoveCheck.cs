namespace Portal.Core.Trust;

/// <summary>
/// One row's real move after close beside its forecast. <see cref="Move"/> is public rank - private rank (positive:
/// moved up). <see cref="WithinForecast"/> tells whether the private rank fell in [ForecastLower, ForecastUpper].
/// <see cref="Percentile"/> is where the private rank fell in the forecast distribution, P(forecast rank better than
/// it) + P(forecast rank equal to it) / 2, in [0, 1]: near 0, far better than forecast; near 1, far worse; over many
/// rows, a well-calibrated forecast gives values spread evenly over [0, 1].
/// </summary>
public sealed record RankMoveCheck(int PublicRank, int PrivateRank, int Move, int ForecastLower, int ForecastUpper, bool WithinForecast, double Percentile);
