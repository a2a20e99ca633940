namespace Portal.Application.Ensembles;

/// <summary>One member asked for: a submission id and its weight.</summary>
public sealed record EnsembleMemberRequest(int Id, double Weight = 1.0);
