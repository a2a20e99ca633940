using System.Security.Claims;
using System.Text.Encodings.Web;
using Microsoft.AspNetCore.Authentication;
using Microsoft.Extensions.Options;
using Portal.Application.Access;
using Portal.Application.Hosts;

namespace Portal.Web.Api;

/// <summary>
/// Authenticates API calls by a host API token (<c>Authorization: Bearer ph_...</c>): the caller acts as that host (or as
/// the deployment's configured host). Other bearer tokens are left to the team token scheme.
/// </summary>
public sealed class HostTokenAuthenticationHandler(
    IOptionsMonitor<TeamTokenAuthenticationOptions> options,
    ILoggerFactory logger,
    UrlEncoder encoder,
    HostTokenService hosts) : AuthenticationHandler<TeamTokenAuthenticationOptions>(options, logger, encoder)
{
    public const string SchemeName = "HostToken";

    protected override async Task<AuthenticateResult> HandleAuthenticateAsync()
    {
        var header = Request.Headers.Authorization.ToString();
        if (!header.StartsWith("Bearer " + HostTokenService.Prefix, StringComparison.OrdinalIgnoreCase))
        {
            return AuthenticateResult.NoResult();
        }

        var userId = await hosts.FindHostAsync(header["Bearer ".Length..].Trim(), Context.RequestAborted);
        if (userId is null)
        {
            return AuthenticateResult.Fail("This host API token is not valid: it may have been rotated, or its account is no longer a host. Make a new one on the Admin page.");
        }

        var identity = new ClaimsIdentity(
        [
            new Claim(ClaimTypes.NameIdentifier, userId),
            new Claim(ClaimTypes.Role, Viewer.HostRole),
        ], SchemeName);
        return AuthenticateResult.Success(new AuthenticationTicket(new ClaimsPrincipal(identity), SchemeName));
    }

    /// <summary>401 with the reason when a host token was sent and refused; otherwise the bearer challenge alone.</summary>
    protected override async Task HandleChallengeAsync(AuthenticationProperties properties)
    {
        BearerChallenge.Write(Context, await HandleAuthenticateOnceSafeAsync());
    }
}
