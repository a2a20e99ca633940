namespace Portal.Core.Trust;

/// <summary>
/// A suggested final: the submission's <see cref="Index"/> in the list given, why, and the smallest share of images on
/// which it disagrees with an earlier pick (0 for the first pick).
/// </summary>
public sealed record FinalPick(int Index, FinalPickReason Reason, double DisagreementWithPicks);
