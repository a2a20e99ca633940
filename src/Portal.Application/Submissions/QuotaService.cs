using Microsoft.EntityFrameworkCore;
using Portal.Data;
using Portal.Data.Entities;

namespace Portal.Application.Submissions;

/// <summary>
/// The daily submission limit. A slot is taken with one conditional update (<c>Used &lt; limit</c>),
/// atomic in SQLite and PostgreSQL alike, so concurrent uploads can never exceed the limit.
/// </summary>
public sealed class QuotaService(IDbContextFactory<PortalDbContext> dbFactory)
{
    /// <summary>A team's daily limit: the host's override for the team when set, else the competition's.</summary>
    public static int LimitOf(int? teamOverride, Competition competition)
    {
        ArgumentNullException.ThrowIfNull(competition);
        return teamOverride ?? competition.DailySubmissionLimit;
    }

    /// <summary>The daily limit of <paramref name="teamId"/> in <paramref name="competition"/> (<see cref="LimitOf"/>), read through <paramref name="db"/>.</summary>
    public static async Task<int> LimitAsync(PortalDbContext db, Competition competition, int teamId, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(db);
        var teamOverride = await db.Teams.Where(t => t.Id == teamId).Select(t => t.DailyLimitOverride).FirstOrDefaultAsync(cancellationToken);
        return LimitOf(teamOverride, competition);
    }

    /// <summary>Takes one submission slot of <paramref name="day"/>; false when the limit is reached.</summary>
    public async Task<bool> TryTakeAsync(int teamId, string day, int limit, CancellationToken cancellationToken = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        await EnsureDayAsync(db, teamId, day, cancellationToken);
        return await TryTakeAsync(db, teamId, day, limit, cancellationToken);
    }

    /// <summary>Creates the team's row of <paramref name="day"/> when missing (before the caller's transaction: a concurrent upload may create it too).</summary>
    public static async Task EnsureDayAsync(PortalDbContext db, int teamId, string day, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(db);
        if (!await db.DailyQuotas.AnyAsync(q => q.TeamId == teamId && q.Day == day, cancellationToken))
        {
            // Same SQL in SQLite and PostgreSQL.
            await db.Database.ExecuteSqlInterpolatedAsync(
                $"INSERT INTO \"DailyQuotas\" (\"TeamId\", \"Day\", \"Used\") VALUES ({teamId}, {day}, 0) ON CONFLICT DO NOTHING", cancellationToken);
        }
    }

    /// <summary>Takes one slot through <paramref name="db"/>, inside the caller's transaction; the day's row must exist (<see cref="EnsureDayAsync"/>).</summary>
    public static async Task<bool> TryTakeAsync(PortalDbContext db, int teamId, string day, int limit, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(db);
        return await db.DailyQuotas
            .Where(q => q.TeamId == teamId && q.Day == day && q.Used < limit)
            .ExecuteUpdateAsync(s => s.SetProperty(q => q.Used, q => q.Used + 1), cancellationToken) == 1;
    }

    /// <summary>Gives a slot back: the submission failed, and failed submissions do not count.</summary>
    public async Task ReleaseAsync(int teamId, string day, CancellationToken cancellationToken = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        await ReleaseAsync(db, teamId, day, cancellationToken);
    }

    /// <summary>Gives a slot back through <paramref name="db"/>, inside the caller's transaction.</summary>
    public static Task ReleaseAsync(PortalDbContext db, int teamId, string day, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(db);
        return db.DailyQuotas
            .Where(q => q.TeamId == teamId && q.Day == day && q.Used > 0)
            .ExecuteUpdateAsync(s => s.SetProperty(q => q.Used, q => q.Used - 1), cancellationToken);
    }
}
