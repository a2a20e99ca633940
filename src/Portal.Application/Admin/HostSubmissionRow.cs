using Portal.Data.Entities;

namespace Portal.Application.Admin;

/// <summary>A submission as the host's table of every submission of a competition shows it.</summary>
public sealed record HostSubmissionRow(int Id, int TeamId, string TeamName, SubmissionKind Kind, SubmissionStatus Status, string Description,
    string FileName, long FileSize, DateTime CreatedAtUtc, DateTime? ScoredAtUtc, double? PublicScore, double? PrivateScore, bool IsFinal, string? Error);
