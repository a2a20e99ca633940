using Portal.Data.Entities;

namespace Portal.Application.Submissions;

/// <summary>
/// A submission as the viewer may see it: private scores and per-class details are null unless
/// the viewer may see them (hosts always; participants after the close, or public details when allowed).
/// </summary>
public sealed record SubmissionView(
    int Id,
    int TeamId,
    string TeamName,
    DateTime CreatedAtUtc,
    SubmissionKind Kind,
    string Description,
    SubmissionStatus Status,
    string? Error,
    string FileName,
    long FileSize,
    double? PublicScore,
    double? PrivateScore,
    bool IsFinal,
    SplitScore? PublicDetails,
    SplitScore? PrivateDetails)
{
    /// <summary>The team's own validation macro F1 sent with the submission, or null.</summary>
    public double? ValidationF1 { get; init; }

    /// <summary>The team's per-fold validation macro F1 values sent with the submission, or empty.</summary>
    public IReadOnlyList<double> ValidationFolds { get; init; } = [];
}
