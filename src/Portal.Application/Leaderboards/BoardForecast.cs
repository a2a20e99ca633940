namespace Portal.Application.Leaderboards;

/// <summary>
/// The shake-up forecast of the public board (ranked teams in public order), or why it is not shown; after close the
/// share of teams whose real move fell inside their range and Kendall's tau between the public and private ranks.
/// </summary>
/// <param name="Rows">One per ranked team, in public board order.</param>
/// <param name="Splits">Half splits of the public images.</param>
/// <param name="Seed">Seed of the splits (the same board always gives the same forecast).</param>
/// <param name="Coverage">The share of forecast ranks each range holds (0.9: the 5th to the 95th percentile).</param>
/// <param name="WithinShare">After close: the share of teams whose private rank fell in their range; else null.</param>
/// <param name="KendallTau">After close: Kendall's tau-b of public and private ranks; else null.</param>
/// <param name="Unavailable">Why the forecast is not shown to this viewer, or null.</param>
public sealed record BoardForecast(
    IReadOnlyList<BoardForecastRow> Rows, int Splits, ulong Seed, double Coverage,
    double? WithinShare = null, double? KendallTau = null, string? Unavailable = null)
{
    /// <summary>How the forecast is made and what it leaves out, in two sentences for the board.</summary>
    public const string Method =
        "Each range is where a team's rank plausibly lands on the private board: the public images are split at random into two halves many times, and the score differences between halves stand in for the private set's noise. Ranges are for each team's best public submission as it stands; teams picking among many submissions tend to fall further, and the private board ranks the selected finals.";

    /// <summary>Whether the real moves are shown beside the forecast.</summary>
    public bool Reviewed => WithinShare is not null;

    /// <summary>The row of <paramref name="teamId"/>, or null.</summary>
    public BoardForecastRow? For(int teamId) => Rows.FirstOrDefault(r => r.TeamId == teamId);
}
