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

    /// <summary>The viewer's own team in a competition: its team token's team (when of this competition), or the team it is a member of; null if none.</summary>
    public static async Task<int?> TeamInAsync(PortalDbContext db, int competitionId, Viewer viewer, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(viewer);
        if (viewer.TokenTeamId is int tokenTeam)
        {
            return await db.Teams.AnyAsync(t => t.Id == tokenTeam && t.CompetitionId == competitionId, cancellationToken) ? tokenTeam : null;
        }

        return viewer.UserId is null ? null
            : await db.TeamMembers.Where(m => m.UserId == viewer.UserId && m.Team!.CompetitionId == competitionId)
                .Select(m => (int?)m.TeamId).FirstOrDefaultAsync(cancellationToken);
    }
}
