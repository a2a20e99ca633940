using System.Security.Claims;

namespace Portal.Application.Access;

/// <summary>Who is asking: a signed-in user (maybe a host), a team's API token, or nobody.</summary>
public sealed record Viewer(string? UserId, bool IsHost, int? TokenTeamId = null)
{
    public const string HostRole = "Host";
    public const string ParticipantRole = "Participant";
    public const string TeamIdClaim = "portal:team";

    public static Viewer Anonymous { get; } = new(null, false);

    public bool IsSignedIn => UserId is not null || TokenTeamId is not null;

    public static Viewer From(ClaimsPrincipal? user)
    {
        if (user?.Identity?.IsAuthenticated != true)
        {
            return Anonymous;
        }

        var team = user.FindFirst(TeamIdClaim)?.Value;
        return new Viewer(
            team is null ? user.FindFirst(ClaimTypes.NameIdentifier)?.Value : null,
            user.IsInRole(HostRole),
            team is null ? null : int.Parse(team, System.Globalization.CultureInfo.InvariantCulture));
    }
}
