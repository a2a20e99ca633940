using Portal.Application.Submissions;

namespace Portal.Application.Comparison;

/// <summary>One submission of an N-way comparison; <see cref="Score"/> (macro F1 over the judged scope) only where the viewer may see it.</summary>
public sealed record ManyComparisonMember(SubmissionView Submission, bool HasProbabilities, double? Score);
