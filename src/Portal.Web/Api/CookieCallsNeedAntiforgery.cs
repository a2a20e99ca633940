using Microsoft.AspNetCore.Antiforgery;
using Microsoft.AspNetCore.Identity;

namespace Portal.Web.Api;

/// <summary>
/// An endpoint filter for writes that take a host token or a signed-in browser: a call carried by the sign-in cookie
/// must also carry the page's antiforgery token (header <c>RequestVerificationToken</c>), so another site cannot make a
/// host's browser write; a call with a token in its Authorization header needs none. Refused with 400 and the reason.
/// </summary>
public sealed class CookieCallsNeedAntiforgery : IEndpointFilter
{
    public async ValueTask<object?> InvokeAsync(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(next);
        var http = context.HttpContext;
        var byCookie = http.User.Identities.Any(i => i.IsAuthenticated && i.AuthenticationType == IdentityConstants.ApplicationScheme);
        if (byCookie)
        {
            try
            {
                await http.RequestServices.GetRequiredService<IAntiforgery>().ValidateRequestAsync(http);
            }
            catch (AntiforgeryValidationException)
            {
                return ApiProblems.Problem(StatusCodes.Status400BadRequest,
                    "This call came from a signed-in browser without the page's antiforgery token. Scripts send a host API token instead (Admin page, Host API token).");
            }
        }

        return await next(context);
    }
}
