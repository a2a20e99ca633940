using Portal.Application.Submissions;

namespace Portal.Application.Models;

/// <summary>
/// The details JSON of a scored model submission: the <see cref="ScoreDetails"/> every submission has (read back as
/// such by the submission pages, which ignore the extra member) plus the model run's per-view and per-member scores.
/// </summary>
public sealed record ModelScoreDetails(SplitScore Public, SplitScore Private, ModelRunDetails ModelRun);
