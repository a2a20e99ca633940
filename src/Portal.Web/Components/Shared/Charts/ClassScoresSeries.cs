namespace Portal.Web.Components.Shared.Charts;

/// <summary>One series of a <see cref="ClassScoresChart"/>: a value per class.</summary>
public sealed record ClassScoresSeries(string Name, IReadOnlyList<double> Values);
