using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Portal.Data;
using Portal.Data.Entities;

namespace Portal.Application.Notifications;

/// <summary>
/// The persisted outbox of webhook messages: claiming a due message with a lease (each goes to exactly one sender,
/// whatever number of processes run one), recording an attempt's outcome with the back-off of the next, and writing
/// the reminders of competitions about to close, once each.
/// </summary>
public sealed class WebhookDeliveryStore(IDbContextFactory<PortalDbContext> dbFactory, TimeProvider clock, IOptions<NotificationOptions> options)
{
    /// <summary>
    /// Claims the oldest due message (pending and due, or claimed by a sender whose lease ran out) for
    /// <paramref name="owner"/>, counting the attempt, or returns null when none is due. The claim is an update conditional
    /// on the row still being claimable, so of several senders racing for one row exactly one wins (on SQLite writers
    /// take turns; on PostgreSQL the loser's update re-reads the row after the winner's commit and matches nothing).
    /// </summary>
    public async Task<WebhookDelivery?> ClaimAsync(string owner, CancellationToken cancellationToken)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var now = clock.GetUtcNow().UtcDateTime;
        var lease = now + options.Value.Lease;
        for (var tries = 0; tries < 5; tries++)
        {
            var candidate = await db.WebhookDeliveries.AsNoTracking()
                .Where(d => (d.State == WebhookDeliveryState.Pending && d.NextAttemptAtUtc <= now) ||
                            (d.State == WebhookDeliveryState.Sending && d.LeaseExpiresAtUtc < now))
                .OrderBy(d => d.NextAttemptAtUtc).ThenBy(d => d.Id)
                .Select(d => d.Id).FirstOrDefaultAsync(cancellationToken);
            if (candidate == 0)
            {
                return null;
            }

            var claimed = await db.WebhookDeliveries
                .Where(d => d.Id == candidate && ((d.State == WebhookDeliveryState.Pending && d.NextAttemptAtUtc <= now) ||
                                                  (d.State == WebhookDeliveryState.Sending && d.LeaseExpiresAtUtc < now)))
                .ExecuteUpdateAsync(s => s
                    .SetProperty(d => d.State, WebhookDeliveryState.Sending)
                    .SetProperty(d => d.LeaseOwner, owner)
                    .SetProperty(d => d.LeaseExpiresAtUtc, lease)
                    .SetProperty(d => d.Attempts, d => d.Attempts + 1)
                    .SetProperty(d => d.LastAttemptAtUtc, now), cancellationToken);
            if (claimed == 1)
            {
                return await db.WebhookDeliveries.AsNoTracking().FirstAsync(d => d.Id == candidate, cancellationToken);
            }
        }

        return null;
    }

    /// <summary>The webhook address of <paramref name="teamId"/> now (the team may have changed or removed it since the event).</summary>
    public async Task<string?> UrlAsync(int teamId, CancellationToken cancellationToken)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        return await db.Teams.Where(t => t.Id == teamId).Select(t => t.WebhookUrl).FirstOrDefaultAsync(cancellationToken);
    }

    /// <summary>
    /// Records the outcome of <paramref name="owner"/>'s attempt at <paramref name="delivery"/>: delivered; or failed,
    /// then pending again after the back-off when <paramref name="retry"/> and attempts are left, else failed for good.
    /// </summary>
    public async Task FinishAsync(WebhookDelivery delivery, string owner, bool delivered, bool retry, int? statusCode, string? error, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(delivery);
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var now = clock.GetUtcNow().UtcDateTime;
        var again = !delivered && retry && delivery.Attempts < options.Value.MaxAttempts;
        var state = delivered ? WebhookDeliveryState.Delivered : again ? WebhookDeliveryState.Pending : WebhookDeliveryState.Failed;
        var next = again ? now + BackOff(delivery.Attempts) : delivery.NextAttemptAtUtc;
        var message = error is { Length: > 500 } ? error[..500] : error;
        await db.WebhookDeliveries.Where(d => d.Id == delivery.Id && d.LeaseOwner == owner)
            .ExecuteUpdateAsync(s => s
                .SetProperty(d => d.State, state)
                .SetProperty(d => d.NextAttemptAtUtc, next)
                .SetProperty(d => d.LastStatusCode, statusCode)
                .SetProperty(d => d.LastError, message)
                .SetProperty(d => d.DeliveredAtUtc, delivered ? now : null)
                .SetProperty(d => d.LeaseOwner, (string?)null)
                .SetProperty(d => d.LeaseExpiresAtUtc, (DateTime?)null), cancellationToken);
    }

    /// <summary>The wait after the <paramref name="attempts"/>-th failed attempt: the first delay, doubled per further failure, capped.</summary>
    public TimeSpan BackOff(int attempts)
    {
        var first = options.Value.FirstRetryDelay;
        var doubled = first * Math.Pow(2, Math.Clamp(attempts - 1, 0, 30));
        return doubled < options.Value.MaxRetryDelay ? doubled : options.Value.MaxRetryDelay;
    }

    /// <summary>
    /// Writes the "closes within a day" message for every team with a webhook of every open competition that ends
    /// after <paramref name="nowUtc"/> and within <see cref="NotificationOptions.ClosingReminderLead"/> of it, once per
    /// team and end date (a unique key, so processes checking at once write it once; a competition reopened with a new
    /// end is reminded again). Returns how many were written.
    /// </summary>
    public async Task<int> AddClosingRemindersAsync(DateTime nowUtc, CancellationToken cancellationToken)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var horizon = nowUtc + options.Value.ClosingReminderLead;
        var closing = await db.Competitions.AsNoTracking()
            .Where(c => c.State == CompetitionState.Open && c.EndsAtUtc > nowUtc && c.EndsAtUtc <= horizon)
            .ToListAsync(cancellationToken);
        var written = 0;
        foreach (var competition in closing)
        {
            var teams = await db.Teams.AsNoTracking()
                .Where(t => t.CompetitionId == competition.Id && t.WebhookUrl != null && !t.IsBaseline)
                .Select(t => new { t.Id, t.Name }).ToListAsync(cancellationToken);
            foreach (var team in teams)
            {
                var key = ClosingKey(competition, team.Id);
                if (await db.WebhookDeliveries.AnyAsync(d => d.DedupeKey == key, cancellationToken))
                {
                    continue;
                }

                // Due at once: the window is judged at nowUtc, the message leaves when written.
                var writtenAt = clock.GetUtcNow().UtcDateTime;
                var row = WebhookOutbox.Add(db, team.Id, competition.Id, null, WebhookEvent.ClosingSoon,
                    WebhookBodies.ClosingSoon(competition, team.Name, writtenAt), writtenAt, key);
                try
                {
                    await db.SaveChangesAsync(cancellationToken);
                    written++;
                }
                catch (DbUpdateException e) when (e.IsUniqueViolation())
                {
                    // Another process wrote this reminder a moment ago.
                    db.Entry(row).State = EntityState.Detached;
                }
            }
        }

        return written;
    }

    private static string ClosingKey(Competition competition, int teamId) =>
        string.Create(System.Globalization.CultureInfo.InvariantCulture, $"closing:{competition.Id}:{teamId}:{competition.EndsAtUtc:yyyyMMddHHmmss}");
}
