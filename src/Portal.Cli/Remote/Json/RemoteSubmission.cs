namespace Portal.Cli.Remote.Json;

/// <summary>
/// A submission as <c>GET /api/v1/submissions/{id}</c> gives it: status lower case (queued, running, scored, failed,
/// cancelled), scores macro F1 in [0, 1] (private null until the caller may see it), times UTC.
/// </summary>
internal sealed record RemoteSubmission(
    int Id,
    string Team,
    string Kind,
    string? Description,
    string Status,
    string? Error,
    DateTime CreatedAtUtc,
    double? PublicScore,
    double? PrivateScore,
    bool IsFinal,
    double? ValidationF1,
    IReadOnlyList<double>? ValidationFolds);
