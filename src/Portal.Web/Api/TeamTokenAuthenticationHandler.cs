using System.Globalization;
using System.Security.Claims;
using System.Text.Encodings.Web;
using Microsoft.AspNetCore.Authentication;
using Microsoft.Extensions.Options;
using Portal.Application.Access;
using Portal.Application.Hosts;
using Portal.Application.Teams;

namespace Portal.Web.Api;

/// <summary>Authenticates API calls by a team's bearer token (<c>Authorization: Bearer pt_...</c>).</summary>
public sealed class TeamTokenAuthenticationHandler(
    IOptionsMonitor<TeamTokenAuthenticationOptions> options,
    ILoggerFactory logger,
    UrlEncoder encoder,
    TeamService teams) : AuthenticationHandler<TeamTokenAuthenticationOptions>(options, logger, encoder)
{
    public const string SchemeName = "TeamToken";
    public const string CompetitionClaim = "portal:competition";

    /// <summary>What a team token used on another competition's address is told (403).</summary>
    public const string OtherCompetition = "This team token belongs to another competition.";

    /// <summary>
    /// The team of the team token that authenticated <paramref name="user"/> when that token belongs to
    /// <paramref name="competitionId"/>; null for any other caller or a token of another competition.
    /// </summary>
    public static int? TeamIn(ClaimsPrincipal user, int competitionId)
    {
        ArgumentNullException.ThrowIfNull(user);
        return Viewer.From(user).TokenTeamId is int teamId && user.FindFirst(CompetitionClaim)?.Value == competitionId.ToString(CultureInfo.InvariantCulture)
            ? teamId
            : null;
    }

    protected override async Task<AuthenticateResult> HandleAuthenticateAsync()
    {
        var header = Request.Headers.Authorization.ToString();
        if (!header.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase) || IsHostToken(header))
        {
            return AuthenticateResult.NoResult();
        }

        var team = await teams.FindByTokenAsync(header["Bearer ".Length..].Trim(), Context.RequestAborted);
        if (team is null)
        {
            return AuthenticateResult.Fail("This API token is not valid: it may have been rotated. Copy the current one from your team's page.");
        }

        var identity = new ClaimsIdentity(
        [
            new Claim(Viewer.TeamIdClaim, team.Value.TeamId.ToString(CultureInfo.InvariantCulture)),
            new Claim(CompetitionClaim, team.Value.CompetitionId.ToString(CultureInfo.InvariantCulture)),
        ], SchemeName);
        return AuthenticateResult.Success(new AuthenticationTicket(new ClaimsPrincipal(identity), SchemeName));
    }

    /// <summary>401 with the reason (no token, or one that is not valid) for the API's problem answer, and the bearer challenge of RFC 6750.</summary>
    protected override async Task HandleChallengeAsync(AuthenticationProperties properties)
    {
        var result = await HandleAuthenticateOnceSafeAsync();
        BearerChallenge.Write(Context, result);
        if (result.None && IsHostToken(Request.Headers.Authorization.ToString()))
        {
            ApiProblems.ExplainIfSilent(Context, HostTokenHere);
        }
    }

    /// <summary>Whether the Authorization header carries a host API token: the host scheme's to read, never this one's.</summary>
    private static bool IsHostToken(string header) => header.StartsWith("Bearer " + HostTokenService.Prefix, StringComparison.OrdinalIgnoreCase);

    /// <summary>What a host token used where only a team's token is taken (submitting, the team's webhook) is told (401).</summary>
    public const string HostTokenHere =
        "This is for teams: a host token cannot do it. Send the team's own token (pt_...): its Team page shows it, and a host can issue one with POST /api/v1/competitions/{slug}/teams/{id}/token.";

    /// <summary>403 for a valid team token on a host endpoint (the only place a token is authenticated but not allowed), saying so.</summary>
    protected override async Task HandleForbiddenAsync(AuthenticationProperties properties)
    {
        Response.StatusCode = StatusCodes.Status403Forbidden;
        if ((await HandleAuthenticateOnceSafeAsync()).Succeeded)
        {
            ApiProblems.Explain(Context, "This is for hosts: a team token cannot do it. Hosts use a host API token (ph_...) from the Admin page.");
        }
    }
}
