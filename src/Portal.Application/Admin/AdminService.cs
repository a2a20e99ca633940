using Microsoft.EntityFrameworkCore;
using Portal.Data;
using Portal.Data.Entities;

namespace Portal.Application.Admin;

/// <summary>The host's views of a competition: teams and background jobs.</summary>
public sealed class AdminService(IDbContextFactory<PortalDbContext> dbFactory)
{
    public async Task<IReadOnlyList<AdminTeamRow>> TeamsAsync(int competitionId, CancellationToken cancellationToken = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        // Ordered before the projection: EF cannot translate an order by a member of a constructed record.
        return await db.Teams.AsNoTracking().Where(t => t.CompetitionId == competitionId)
            .OrderBy(t => t.Name)
            .Select(t => new AdminTeamRow(t.Id, t.Name, t.IsBaseline, t.Members.Count,
                db.Submissions.Count(s => s.TeamId == t.Id),
                db.Submissions.Where(s => s.TeamId == t.Id && s.Status == SubmissionStatus.Scored).Max(s => s.PublicScore),
                t.InviteCode))
            .ToListAsync(cancellationToken);
    }

    public async Task<IReadOnlyList<AdminJobRow>> JobsAsync(int competitionId, int take, CancellationToken cancellationToken = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        return await db.Jobs.AsNoTracking().Where(j => j.CompetitionId == competitionId)
            .OrderByDescending(j => j.Id).Take(take)
            .Select(j => new AdminJobRow(j.Id, j.Kind, j.State, j.SubmissionId, j.Progress, j.ProgressText, j.Attempts, j.Error, j.CreatedAtUtc, j.FinishedAtUtc))
            .ToListAsync(cancellationToken);
    }
}
