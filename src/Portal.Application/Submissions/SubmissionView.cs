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
    SplitScore? PrivateDetails);
