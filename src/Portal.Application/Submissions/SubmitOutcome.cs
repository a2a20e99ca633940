using Portal.Core.Submissions;
using Portal.Data.Entities;

namespace Portal.Application.Submissions;

/// <summary>What happened to an upload: accepted (scored at once, or queued), or refused with the reasons.</summary>
public sealed record SubmitOutcome(int? SubmissionId, RefusalReason? Reason, string? Error, IReadOnlyList<SubmissionProblem> Problems, int TotalProblems)
{
    public bool Accepted => SubmissionId is not null;

    /// <summary>When a refusal at the daily limit lifts (the next midnight in the competition's time zone), in UTC.</summary>
    public DateTime? RetryAfterUtc { get; init; }

    /// <summary>The accepted submission's status: Scored for a CSV (scored in its request), Queued for kinds with a job.</summary>
    public SubmissionStatus? Status { get; init; }

    /// <summary>The public macro F1 of a submission scored at once; null while queued.</summary>
    public double? PublicScore { get; init; }

    public static SubmitOutcome Ok(int id, SubmissionStatus status, double? publicScore) =>
        new(id, null, null, [], 0) { Status = status, PublicScore = publicScore };

    public static SubmitOutcome Refused(RefusalReason reason, string error) => new(null, reason, error, [], 0);

    /// <summary>A refusal for its problems, headed by what they are in: the model settings when all of them are, else the file.</summary>
    public static SubmitOutcome Invalid(IReadOnlyList<SubmissionProblem> problems, int total)
    {
        var settings = problems.Count > 0 && problems.All(p => p.Code == ProblemCode.InvalidSettings);
        var subject = settings ? "The model settings have" : "The file has";
        return new(null, RefusalReason.InvalidFile, total == 1 ? $"{subject} a problem:" : $"{subject} {total:N0} problems:", problems, total);
    }
}
