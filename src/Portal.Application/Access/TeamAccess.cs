using Microsoft.EntityFrameworkCore;
using Portal.Data;

namespace Portal.Application.Access;

/// <summary>Whose team a viewer may open (its submissions, files, comparisons, ensembles, model runs): the one rule.</summary>
public static class TeamAccess
{
    /// <summary>Hosts, the team's members, and the team's own API token; nobody else, whatever the competition's state.</summary>
    public static async Task<bool> MayOpenAsync(PortalDbContext db, int teamId, Viewer viewer, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(viewer);
        return viewer.IsHost || viewer.TokenTeamId == teamId ||
               (viewer.UserId is not null && await db.TeamMembers.AnyAsync(m => m.TeamId == teamId && m.UserId == viewer.UserId, cancellationToken));
    }
}
