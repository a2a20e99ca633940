using Portal.Core.Comparison;
using Portal.Application.Submissions;

namespace Portal.Application.Comparison;

/// <summary>
/// Two submissions compared as the viewer may see them: the label-free agreement and the differing
/// images always; the judged part (per-class F1, McNemar, bootstrap, confusion) only when allowed,
/// over <see cref="JudgedScope"/>, else <see cref="JudgedUnavailable"/> says why not.
/// <see cref="HasConfidence"/>: both have probabilities, so each differing image carries both confidences.
/// </summary>
public sealed record ComparisonView(
    int CompetitionId,
    SubmissionView A,
    SubmissionView B,
    IReadOnlyList<string> ClassNames,
    Agreement Agreement,
    JudgedComparison? Judged,
    string? JudgedScope,
    string? JudgedUnavailable,
    bool ShowsCorrectness,
    IReadOnlyList<DifferingImage> Differences,
    bool HasConfidence = false);
