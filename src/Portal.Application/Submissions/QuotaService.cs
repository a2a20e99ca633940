using Microsoft.EntityFrameworkCore;
using Portal.Data;
using Portal.Data.Entities;

namespace Portal.Application.Submissions;

/// <summary>
/// The daily submission limit. A slot is taken with one conditional upsert (<c>Used &lt; limit</c>),
/// atomic in SQLite and PostgreSQL alike, so concurrent uploads can never exceed the limit.
/// </summary>
public static class QuotaService
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

    /// <summary>
    /// Takes one slot of <paramref name="day"/> for <paramref name="teamId"/> through <paramref name="db"/>, inside the
    /// caller's transaction; false when the team has used its <paramref name="limit"/> slots that day (a limit of 0 takes
    /// none). One statement, the same SQL in SQLite and PostgreSQL: an upsert that creates the day's row with its first
    /// slot, or adds one to the row while it is under the limit, atomic under concurrent uploads in both.
    /// </summary>
    public static async Task<bool> TryTakeAsync(PortalDbContext db, int teamId, string day, int limit, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(db);
        return await db.Database.ExecuteSqlInterpolatedAsync(
            $"""
            INSERT INTO "DailyQuotas" ("TeamId", "Day", "Used") SELECT {teamId}, {day}, 1 WHERE {limit} > 0
            ON CONFLICT ("TeamId", "Day") DO UPDATE SET "Used" = "DailyQuotas"."Used" + 1 WHERE "DailyQuotas"."Used" < {limit}
            """, cancellationToken) == 1;
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
