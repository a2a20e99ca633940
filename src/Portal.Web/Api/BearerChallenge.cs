using Microsoft.AspNetCore.Authentication;

namespace Portal.Web.Api;

/// <summary>
/// The answer of the API's token schemes to a call they could not authenticate: 401 with the bearer challenge of RFC 6750
/// (<c>error="invalid_token"</c> when a token was sent and refused) and the reason for the API's problem answer.
/// </summary>
internal static class BearerChallenge
{
    public static void Write(HttpContext context, AuthenticateResult result)
    {
        context.Response.StatusCode = StatusCodes.Status401Unauthorized;
        context.Response.Headers.WWWAuthenticate = result.Failure is null ? "Bearer" : "Bearer error=\"invalid_token\"";
        if (result.Failure is { } failure)
        {
            ApiProblems.Explain(context, failure.Message);
        }
    }
}
