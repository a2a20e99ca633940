namespace Portal.Application.Jobs;

/// <summary>A job cannot succeed, for a reason the user can act on; it is failed at once, not retried.</summary>
public sealed class JobFailedException(string message) : Exception(message)
{
    /// <summary>
    /// Whether the submission itself caused the failure (a model that fails, runs too long or uses too much memory):
    /// then it counts toward the team's daily limit. A failure of the server or the host's setup does not.
    /// </summary>
    public bool CausedBySubmission { get; init; }

    /// <summary>The runtime's own text behind the sentence, for the host (kept on the job, never shown to the team).</summary>
    public string? HostDetail { get; init; }
}
