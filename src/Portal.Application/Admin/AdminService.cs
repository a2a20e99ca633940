using Microsoft.EntityFrameworkCore;
using Portal.Data;
using Portal.Data.Entities;

namespace Portal.Application.Admin;

/// <summary>The host's views of a competition: teams and background jobs.</summary>
public sealed class AdminService(IDbContextFactory<PortalDbContext> dbFactory)
{
    /// <summary>The most a host may set as a team's daily limit (the competition's own limit allows the same).</summary>
    public const int MaxDailyLimit = 1000;

    public async Task<IReadOnlyList<AdminTeamRow>> TeamsAsync(int competitionId, CancellationToken cancellationToken = default) =>
        await TeamRowsAsync(competitionId, null, cancellationToken);

    /// <summary>One team of the competition as the host's list shows it, or null when the competition has no such team.</summary>
    public async Task<AdminTeamRow?> TeamAsync(int competitionId, int teamId, CancellationToken cancellationToken = default) =>
        (await TeamRowsAsync(competitionId, teamId, cancellationToken)).FirstOrDefault();

    private async Task<List<AdminTeamRow>> TeamRowsAsync(int competitionId, int? teamId, CancellationToken cancellationToken)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var competitionLimit = await db.Competitions.Where(c => c.Id == competitionId).Select(c => c.DailySubmissionLimit).FirstAsync(cancellationToken);
        // Ordered before the projection: EF cannot translate an order by a member of a constructed record.
        return await db.Teams.AsNoTracking().Where(t => t.CompetitionId == competitionId && (teamId == null || t.Id == teamId))
            .OrderBy(t => t.Name)
            .Select(t => new AdminTeamRow(t.Id, t.Name, t.IsBaseline, t.Members.Count,
                db.Submissions.Count(s => s.TeamId == t.Id),
                db.Submissions.Where(s => s.TeamId == t.Id && s.Status == SubmissionStatus.Scored).Max(s => s.PublicScore),
                t.InviteCode, t.DailyLimitOverride ?? competitionLimit, t.DailyLimitOverride))
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

    /// <summary>
    /// Sets a team's own daily submission limit (from 0, which stops its submissions, to <see cref="MaxDailyLimit"/>), or
    /// clears it with null so the competition's holds; returns why not, or null. Takes effect on the team's next upload.
    /// </summary>
    public async Task<string?> SetDailyLimitAsync(int competitionId, int teamId, int? limit, CancellationToken cancellationToken = default)
    {
        if (limit is < 0 or > MaxDailyLimit)
        {
            return $"A team's daily limit is from 0 to {MaxDailyLimit}, or null to follow the competition's.";
        }

        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var changed = await db.Teams.Where(t => t.Id == teamId && t.CompetitionId == competitionId)
            .ExecuteUpdateAsync(s => s.SetProperty(t => t.DailyLimitOverride, limit), cancellationToken);
        return changed == 1 ? null : $"This competition has no team #{teamId}.";
    }
}
