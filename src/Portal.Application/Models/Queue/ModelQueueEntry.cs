using Portal.Data.Entities;

namespace Portal.Application.Models.Queue;

/// <summary>One model run waiting or in progress, with its forecast.</summary>
/// <param name="JobId">Its job.</param>
/// <param name="SubmissionId">The model submission it scores.</param>
/// <param name="CompetitionId">Its competition.</param>
/// <param name="CompetitionSlug">Its competition's slug (hosts' view).</param>
/// <param name="TeamName">The team that submitted it (hosts' view).</param>
/// <param name="State">Queued or Running.</param>
/// <param name="Position">1 for the next run to start, and so on; null while running.</param>
/// <param name="Priority">Claim priority (higher first; 0 unless a host moved it).</param>
/// <param name="Progress">Fraction done, 0 to 1.</param>
/// <param name="RunSeconds">Expected length of the whole run, in seconds; null before any model has run here.</param>
/// <param name="StartUtc">Expected start (UTC); its actual start while running; null without an estimate.</param>
/// <param name="FinishUtc">Expected finish (UTC); null without an estimate.</param>
public sealed record ModelQueueEntry(
    long JobId,
    int SubmissionId,
    int CompetitionId,
    string CompetitionSlug,
    string TeamName,
    JobState State,
    int? Position,
    int Priority,
    double Progress,
    double? RunSeconds,
    DateTime? StartUtc,
    DateTime? FinishUtc);
