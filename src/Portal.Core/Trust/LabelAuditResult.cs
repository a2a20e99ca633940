namespace Portal.Core.Trust;

/// <summary>
/// The suspected label errors, strongest consensus first, then most confident (at most the limit asked for), with the
/// number found in all, and the audit's inputs: how many submissions voted on how many images.
/// </summary>
public sealed record LabelAuditResult(IReadOnlyList<LabelSuspect> Suspects, int TotalSuspects, int Submissions, int Images, double MinimumAgreement);
