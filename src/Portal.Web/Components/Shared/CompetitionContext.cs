using Portal.Data.Entities;
using Portal.Application.Access;
using Portal.Application.Teams;

namespace Portal.Web.Components.Shared;

/// <summary>What every competition page needs: the competition, who is looking and their team.</summary>
public sealed record CompetitionContext(Competition Competition, Viewer Viewer, TeamView? MyTeam)
{
    public bool IsClosed => Competition.State == CompetitionState.Closed;
}
