using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Portal.Web.Api;

/// <summary>
/// The one writer of the API's refusals that come from the pipeline rather than a handler (401, 403, 404, 405, 413, 429):
/// an RFC 9457 problem (<c>application/problem+json</c>) whose detail says why in a sentence. Whoever refuses (the token
/// handler, the rate limiter, the upload limit) either writes at once or leaves the reason with <see cref="Explain"/>
/// for the status-code step to write.
/// </summary>
public static class ApiProblems
{
    /// <summary>The media type of every problem answer (RFC 9457).</summary>
    public const string ContentType = "application/problem+json";

    private static readonly object ReasonKey = new();

    /// <summary>
    /// The problem <c>type</c> for <paramref name="status"/>: the one the framework gives its own problem answers (a link to
    /// the status's section of RFC 9110), so a refusal written by hand carries the same type as one written by
    /// <see cref="Problem"/>; RFC 6585's section for 429, which the framework leaves without one.
    /// </summary>
    public static string TypeOf(int status) =>
        status == StatusCodes.Status429TooManyRequests ? "https://tools.ietf.org/html/rfc6585#section-4"
        : TypedResults.Problem(statusCode: status).ProblemDetails.Type ?? "about:blank";

    /// <summary>A problem answer with <paramref name="status"/> and its standard title.</summary>
    public static ProblemHttpResult Problem(int status, string detail) => TypedResults.Problem(detail: detail, statusCode: status, type: TypeOf(status));

    /// <summary>Writes the problem now (the caller has not started the response).</summary>
    public static Task WriteAsync(HttpContext context, int status, string detail)
    {
        ArgumentNullException.ThrowIfNull(context);
        return Problem(status, detail).ExecuteAsync(context);
    }

    /// <summary>Leaves the reason of a refusal whose status someone else sets (an authentication challenge).</summary>
    public static void Explain(HttpContext context, string detail)
    {
        ArgumentNullException.ThrowIfNull(context);
        context.Items[ReasonKey] = detail;
    }

    /// <summary>Leaves a reason unless another handler already left one (a more particular one: "this host token is not valid").</summary>
    public static void ExplainIfSilent(HttpContext context, string detail)
    {
        ArgumentNullException.ThrowIfNull(context);
        context.Items.TryAdd(ReasonKey, detail);
    }

    /// <summary>The status-code step under <c>/api</c>: an answer with an error status and no body gets its problem.</summary>
    public static Task WriteStatusAsync(StatusCodeContext statusContext)
    {
        ArgumentNullException.ThrowIfNull(statusContext);
        var context = statusContext.HttpContext;
        var status = context.Response.StatusCode;
        var detail = context.Items[ReasonKey] as string ?? DefaultDetail(status);
        return WriteAsync(context, status, detail);
    }

    private static string DefaultDetail(int status) => status switch
    {
        StatusCodes.Status400BadRequest => "The request is not well formed; check the address and the parameters against /openapi/v1.json.",
        StatusCodes.Status401Unauthorized => "Sign in, or send your team's API token as 'Authorization: Bearer pt_...' (the Team tab shows it).",
        StatusCodes.Status403Forbidden => "Your account or token may not do this.",
        StatusCodes.Status404NotFound => "There is nothing at this address, or it is not yours to see.",
        StatusCodes.Status405MethodNotAllowed => "This address does not take this method; see /openapi/v1.json.",
        StatusCodes.Status413PayloadTooLarge => "The request is larger than this address accepts.",
        StatusCodes.Status415UnsupportedMediaType => "This address does not take this content type; see /openapi/v1.json.",
        _ => "The request could not be answered.",
    };
}
