namespace Portal.Application.Ensembles;

/// <summary>An ensemble asked for: the method (<c>hard</c>, <c>soft</c> or <c>gmean</c>), the members and their weights, a description.</summary>
public sealed record EnsembleRequest(string? Method, IReadOnlyList<EnsembleMemberRequest>? Members, string? Description);
