using Portal.Core.Submissions;

namespace Portal.Core.Ensembles;

/// <summary>One submission in an ensemble and its weight.</summary>
public sealed record EnsembleMember(Predictions Predictions, double Weight = 1.0, string? Name = null);
