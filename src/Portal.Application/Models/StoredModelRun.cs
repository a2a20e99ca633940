namespace Portal.Application.Models;

/// <summary>
/// The details JSON of a <see cref="Portal.Data.Entities.ModelRun"/>: the TTA and merge used and each member's per-view and
/// merged scores (both splits; filtered by <see cref="ModelRunDetails.PublicOnly"/> when shown during the competition).
/// The ensemble's score is the submission's own and is not stored twice.
/// </summary>
public sealed record StoredModelRun(string Tta, string Merge, IReadOnlyList<MemberRun> Members);
