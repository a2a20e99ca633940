using Microsoft.EntityFrameworkCore;
using Portal.Data;
using Portal.Data.Entities;

namespace Portal.Application.Admin;

/// <summary>The host's views: a competition's teams and submissions, and background jobs (of one competition or all).</summary>
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
    /// Page <paramref name="page"/> (from 1) of every submission of the competition, newest first, of team
    /// <paramref name="teamId"/> and in <paramref name="status"/> when given, with how many match in all.
    /// </summary>
    public async Task<HostPage<HostSubmissionRow>> SubmissionsAsync(int competitionId, int? teamId, SubmissionStatus? status, int page, int pageSize,
        CancellationToken cancellationToken = default)
    {
        (page, pageSize) = (Math.Max(1, page), Math.Max(1, pageSize));
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var matching = db.Submissions.AsNoTracking().Where(s => s.CompetitionId == competitionId);
        if (teamId is { } team)
        {
            matching = matching.Where(s => s.TeamId == team);
        }

        if (status is { } wanted)
        {
            matching = matching.Where(s => s.Status == wanted);
        }

        var total = await matching.CountAsync(cancellationToken);
        var rows = await matching.OrderByDescending(s => s.Id).Skip((page - 1) * pageSize).Take(pageSize)
            .Select(s => new HostSubmissionRow(s.Id, s.TeamId, s.Team!.Name, s.Kind, s.Status, s.Description, s.FileName, s.FileSize, s.CreatedAtUtc,
                s.ScoredAtUtc, s.PublicScore, s.PrivateScore, s.IsFinal, s.Error))
            .ToListAsync(cancellationToken);
        return new HostPage<HostSubmissionRow>(rows, total, page, pageSize);
    }

    /// <summary>
    /// Page <paramref name="page"/> (from 1) of the jobs of every competition, newest first, in <paramref name="state"/>
    /// and of <paramref name="kind"/> when given, with how many match in all.
    /// </summary>
    public async Task<HostPage<HostJobRow>> AllJobsAsync(JobState? state, JobKind? kind, int page, int pageSize, CancellationToken cancellationToken = default)
    {
        (page, pageSize) = (Math.Max(1, page), Math.Max(1, pageSize));
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var matching = db.Jobs.AsNoTracking();
        if (state is { } wantedState)
        {
            matching = matching.Where(j => j.State == wantedState);
        }

        if (kind is { } wantedKind)
        {
            matching = matching.Where(j => j.Kind == wantedKind);
        }

        var total = await matching.CountAsync(cancellationToken);
        var rows = await matching.OrderByDescending(j => j.Id).Skip((page - 1) * pageSize).Take(pageSize)
            .Select(j => new HostJobRow(j.Id, j.Kind, j.State, j.CompetitionId,
                db.Competitions.Where(c => c.Id == j.CompetitionId).Select(c => c.Slug).FirstOrDefault(),
                j.SubmissionId, j.Progress, j.ProgressText, j.Attempts, j.Error, j.CreatedAtUtc, j.StartedAtUtc, j.FinishedAtUtc))
            .ToListAsync(cancellationToken);
        return new HostPage<HostJobRow>(rows, total, page, pageSize);
    }

    /// <summary>One job as the jobs table shows it, or null when there is none.</summary>
    public async Task<HostJobRow?> JobAsync(long jobId, CancellationToken cancellationToken = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        return await db.Jobs.AsNoTracking().Where(j => j.Id == jobId)
            .Select(j => new HostJobRow(j.Id, j.Kind, j.State, j.CompetitionId,
                db.Competitions.Where(c => c.Id == j.CompetitionId).Select(c => c.Slug).FirstOrDefault(),
                j.SubmissionId, j.Progress, j.ProgressText, j.Attempts, j.Error, j.CreatedAtUtc, j.StartedAtUtc, j.FinishedAtUtc))
            .FirstOrDefaultAsync(cancellationToken);
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
