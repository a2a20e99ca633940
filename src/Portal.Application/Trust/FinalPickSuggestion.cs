using Portal.Core.Trust;

namespace Portal.Application.Trust;

/// <summary>A suggested final: the submission, why (as the rule and in a sentence), and how much it differs from the picks before it.</summary>
public sealed record FinalPickSuggestion(int SubmissionId, FinalPickReason Reason, double DisagreementWithPicks, string Why);
