using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Portal.Data;
using Portal.Data.Entities;

namespace Portal.Application.Notifications;

/// <summary>A team's webhook: setting or removing its address (checked), its last message, and a test message.</summary>
public sealed class TeamWebhookService(IDbContextFactory<PortalDbContext> dbFactory, WebhookAddressPolicy policy, WebhookOutbox outbox, TimeProvider clock,
    IOptions<NotificationOptions> options)
{
    /// <summary>The team's webhook address and its last message, or null when there is no such team.</summary>
    public async Task<WebhookStatus?> StatusAsync(int teamId, CancellationToken cancellationToken = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var team = await db.Teams.AsNoTracking().Where(t => t.Id == teamId).Select(t => new { t.WebhookUrl }).FirstOrDefaultAsync(cancellationToken);
        if (team is null)
        {
            return null;
        }

        var last = await Latest(db, teamId).FirstOrDefaultAsync(cancellationToken);
        return new WebhookStatus(team.WebhookUrl, last);
    }

    /// <summary>
    /// The team's webhook address and its latest messages, newest first (at most <see cref="NotificationOptions.RecentDeliveries"/>),
    /// or null when there is no such team.
    /// </summary>
    public async Task<(string? Url, IReadOnlyList<WebhookDeliveryView> Deliveries)?> RecentAsync(int teamId, CancellationToken cancellationToken = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var team = await db.Teams.AsNoTracking().Where(t => t.Id == teamId).Select(t => new { t.WebhookUrl }).FirstOrDefaultAsync(cancellationToken);
        if (team is null)
        {
            return null;
        }

        var deliveries = await Latest(db, teamId).Take(Math.Max(0, options.Value.RecentDeliveries)).ToListAsync(cancellationToken);
        return (team.WebhookUrl, deliveries);
    }

    private static IQueryable<WebhookDeliveryView> Latest(PortalDbContext db, int teamId) =>
        db.WebhookDeliveries.AsNoTracking().Where(d => d.TeamId == teamId).OrderByDescending(d => d.Id)
            .Select(d => new WebhookDeliveryView(d.Id, d.Event, d.State, d.Attempts, d.LastStatusCode, d.LastError, d.CreatedAtUtc, d.LastAttemptAtUtc, d.DeliveredAtUtc, d.NextAttemptAtUtc));

    /// <summary>
    /// Sets the team's webhook to <paramref name="url"/> after checking it (https, a public host), or removes it when
    /// <paramref name="url"/> is empty; returns why not, in a sentence for the team, or null.
    /// </summary>
    public async Task<string?> SetUrlAsync(int teamId, string? url, CancellationToken cancellationToken = default)
    {
        string? value = null;
        if (!string.IsNullOrWhiteSpace(url))
        {
            if (await policy.CheckAsync(url, cancellationToken) is { } error)
            {
                return error;
            }

            value = url.Trim();
        }

        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var changed = await db.Teams.Where(t => t.Id == teamId).ExecuteUpdateAsync(s => s.SetProperty(t => t.WebhookUrl, value), cancellationToken);
        return changed == 1 ? null : "This team no longer exists.";
    }

    /// <summary>Why a test message is refused while the previous one is still pending or being sent.</summary>
    public const string TestAlreadyOnItsWay = "A test message is already on its way; wait for it to be delivered or to fail, then send another.";

    /// <summary>Queues a test message to the team's webhook; returns why not (no address; a test still on its way), or null.</summary>
    public async Task<string?> SendTestAsync(int teamId, CancellationToken cancellationToken = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var team = await db.Teams.AsNoTracking().Include(t => t.Competition).FirstOrDefaultAsync(t => t.Id == teamId, cancellationToken);
        if (team is null)
        {
            return "This team no longer exists.";
        }

        if (team.WebhookUrl is null)
        {
            return "Save a webhook address first.";
        }

        // One test message on its way at a time: a team (or a script) cannot pile messages up, or use Portal to call an address over and over.
        if (await db.WebhookDeliveries.AnyAsync(d => d.TeamId == team.Id && d.Event == WebhookEvent.Test &&
                (d.State == WebhookDeliveryState.Pending || d.State == WebhookDeliveryState.Sending), cancellationToken))
        {
            return TestAlreadyOnItsWay;
        }

        var now = clock.GetUtcNow().UtcDateTime;
        WebhookOutbox.Add(db, team.Id, team.CompetitionId, null, WebhookEvent.Test, WebhookBodies.Test(team.Competition!, team.Name, now), now);
        await db.SaveChangesAsync(cancellationToken);
        outbox.Wake();
        return null;
    }
}
