namespace Portal.Application.Ensembles;

/// <summary>
/// An ensemble asked for: the method (<c>hard</c>, <c>soft</c> or <c>gmean</c>), the members and their weights, a description,
/// and optionally the team's own validation macro F1 of the ensemble and its per-fold values (see <see cref="Trust.ValidationScores"/>).
/// </summary>
public sealed record EnsembleRequest(
    string? Method, IReadOnlyList<EnsembleMemberRequest>? Members, string? Description,
    double? ValidationF1 = null, IReadOnlyList<double>? ValidationFolds = null);
