using Portal.Data.Entities;
using Portal.Application.Submissions;

namespace Portal.Web.Api;

/// <summary>
/// The HTTP answer to an upload or an ensemble request, the same for every kind: 201 with the public score for a
/// submission scored at once (a CSV), 202 with the submission's address for one queued (a model, an ensemble), or the
/// refusal as a problem (RFC 9457, <see cref="ApiRefusal"/>) with the file's problems (400 for a bad file or request, 429 at the daily limit, 409 for the same submission sent
/// again or a competition not accepting, 503 when the server cannot check a model just now).
/// </summary>
internal static class SubmitOutcomeResults
{
    /// <param name="outcome">What the feature service decided.</param>
    /// <param name="invalidTitle">The refusal's title when there are problems to list ("Invalid submission", "Model refused").</param>
    /// <param name="refusedTitle">The refusal's title otherwise.</param>
    /// <param name="run">What became of the training run sent with an accepted submission; null when none was sent.</param>
    public static IResult ToResult(SubmitOutcome outcome, string invalidTitle, string refusedTitle = "Submission refused", ApiRunAttachment? run = null)
    {
        ArgumentNullException.ThrowIfNull(outcome);
        if (outcome.SubmissionId is int id)
        {
            var url = $"/api/v1/submissions/{id}";
            var accepted = new ApiSubmissionAccepted(id, (outcome.Status ?? SubmissionStatus.Queued).ToString().ToLowerInvariant(), url, outcome.PublicScore, run);
            return outcome.Status == SubmissionStatus.Scored ? TypedResults.Created(url, accepted) : TypedResults.Accepted(url, accepted);
        }

        var status = outcome.Reason switch
        {
            RefusalReason.InvalidFile => StatusCodes.Status400BadRequest,
            RefusalReason.DailyLimitReached => StatusCodes.Status429TooManyRequests,
            RefusalReason.Unavailable => StatusCodes.Status503ServiceUnavailable,
            _ => StatusCodes.Status409Conflict,
        };
        var result = ApiRefusal.Create(
            status,
            outcome.Problems.Count > 0 ? invalidTitle : refusedTitle,
            outcome.Error ?? "",
            outcome.Problems.Select(p => ApiProblem.From(p)).ToList(),
            outcome.TotalProblems).ToResult();
        return outcome.RetryAfterUtc is { } retry ? new RetryAfterResult(result, retry) : result;
    }

    /// <summary>An answer with a <c>Retry-After</c> header: the seconds until the refusal lifts (the daily limit resets, the server can try again).</summary>
    private sealed class RetryAfterResult(IResult inner, DateTime retryAtUtc) : IResult
    {
        public Task ExecuteAsync(HttpContext httpContext)
        {
            var seconds = Math.Max(1, (long)Math.Ceiling((retryAtUtc - DateTime.UtcNow).TotalSeconds));
            httpContext.Response.Headers.RetryAfter = seconds.ToString(System.Globalization.CultureInfo.InvariantCulture);
            return inner.ExecuteAsync(httpContext);
        }
    }
}
