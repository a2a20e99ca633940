namespace Portal.Application.Leaderboards;

/// <summary>
/// One ranked team's forecast: its public rank and the plausible range of its private rank (<see cref="Lower"/> is the
/// best rank of the range); after close, its real private rank beside it (null until the viewer may see the private side).
/// </summary>
/// <param name="SubmissionId">The public board row's submission.</param>
/// <param name="TeamId">The team.</param>
/// <param name="TeamName">The team's name.</param>
/// <param name="PublicRank">Rank on the public board.</param>
/// <param name="Lower">Best rank of the forecast range.</param>
/// <param name="Median">Median forecast rank.</param>
/// <param name="Upper">Worst rank of the forecast range.</param>
/// <param name="PrivateRank">The real private rank among the forecast teams, or null.</param>
/// <param name="Move">Public rank - private rank (positive: moved up), or null.</param>
/// <param name="WithinForecast">Whether the private rank fell in [Lower, Upper], or null.</param>
public sealed record BoardForecastRow(
    int SubmissionId, int TeamId, string TeamName, int PublicRank, int Lower, int Median, int Upper,
    int? PrivateRank = null, int? Move = null, bool? WithinForecast = null);
