namespace Portal.Application.Trust;

/// <summary>One of a team's scored submissions as a final, against the team's best public one (see <see cref="Portal.Core.Trust.FinalPickAssistant"/>).</summary>
/// <param name="SubmissionId">The submission.</param>
/// <param name="Description">The team's words for it.</param>
/// <param name="CreatedAtUtc">When it was made.</param>
/// <param name="PublicF1">Its public macro F1.</param>
/// <param name="IsBest">Whether it is the team's best public one.</param>
/// <param name="BestMinusLower">Lower end of the 95% paired-bootstrap interval of macro F1(best) - macro F1(this); null for the best.</param>
/// <param name="BestMinusUpper">Upper end of that interval; null for the best.</param>
/// <param name="TiedWithBest">Whether the interval contains 0 (true for the best itself).</param>
/// <param name="Disagreement">The share of public images on which its labels differ from the best's.</param>
/// <param name="IsFinal">Whether the team picked it as a final.</param>
public sealed record FinalPickCandidateRow(
    int SubmissionId,
    string Description,
    DateTime CreatedAtUtc,
    double PublicF1,
    bool IsBest,
    double? BestMinusLower,
    double? BestMinusUpper,
    bool TiedWithBest,
    double Disagreement,
    bool IsFinal);
