using Microsoft.EntityFrameworkCore;
using Portal.Data;
using Portal.Data.Entities;

namespace Portal.Web.Features.Submissions;

/// <summary>
/// The daily submission limit. A slot is taken with one conditional update (<c>Used &lt; limit</c>),
/// atomic in SQLite and PostgreSQL alike, so concurrent uploads can never exceed the limit.
/// </summary>
public sealed class QuotaService(IDbContextFactory<PortalDbContext> dbFactory)
{
    /// <summary>Takes one submission slot of <paramref name="day"/>; false when the limit is reached.</summary>
    public async Task<bool> TryTakeAsync(int teamId, string day, int limit, CancellationToken cancellationToken = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        if (!await db.DailyQuotas.AnyAsync(q => q.TeamId == teamId && q.Day == day, cancellationToken))
        {
            db.DailyQuotas.Add(new DailyQuota { TeamId = teamId, Day = day, Used = 0 });
            try
            {
                await db.SaveChangesAsync(cancellationToken);
            }
            catch (DbUpdateException)
            {
                // Another upload created the row first; the update below still decides.
            }
        }

        return await db.DailyQuotas
            .Where(q => q.TeamId == teamId && q.Day == day && q.Used < limit)
            .ExecuteUpdateAsync(s => s.SetProperty(q => q.Used, q => q.Used + 1), cancellationToken) == 1;
    }

    /// <summary>Gives a slot back: the submission failed, and failed submissions do not count.</summary>
    public async Task ReleaseAsync(int teamId, string day, CancellationToken cancellationToken = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        await db.DailyQuotas
            .Where(q => q.TeamId == teamId && q.Day == day && q.Used > 0)
            .ExecuteUpdateAsync(s => s.SetProperty(q => q.Used, q => q.Used - 1), cancellationToken);
    }
}
