using Portal.Core.Comparison;

namespace Portal.Core.Trust;

/// <summary>
/// One of a team's submissions as a final pick. <see cref="Index"/> is its place in the list given (oldest first).
/// <see cref="ToBest"/> is the paired interval of macro F1(best) - macro F1(this) (A = this, B = the best), null for
/// the best itself; <see cref="TiedWithBest"/> says the interval contains 0. <see cref="Disagreement"/> is the share of
/// images on which its labels differ from the best's, in [0, 1] (0 for the best).
/// </summary>
public sealed record FinalCandidate(int Index, double PublicF1, BootstrapInterval? ToBest, bool TiedWithBest, double Disagreement);
