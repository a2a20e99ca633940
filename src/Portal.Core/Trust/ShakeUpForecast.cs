namespace Portal.Core.Trust;

/// <summary>
/// The forecast private rank of every row of a public board (in board order), from <see cref="Splits"/> seeded half
/// splits of the public images; <see cref="NoiseScale"/> is the factor applied to the half-split differences (see
/// <see cref="ShakeUpForecaster"/>).
/// </summary>
public sealed record ShakeUpForecast(IReadOnlyList<RankForecast> Rows, int Splits, ulong Seed, double Coverage, double NoiseScale);
