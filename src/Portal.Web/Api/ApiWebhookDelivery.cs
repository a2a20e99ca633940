using System.Text.Json;
using Portal.Application.Notifications;

namespace Portal.Web.Api;

/// <summary>
/// One message to the team's webhook in the API: what it told, by the <c>event</c> word the message itself carries
/// (<c>submission.scored</c>, <c>submission.failed</c>, <c>leaderboard.overtaken</c>, <c>competition.closing</c>, <c>test</c>), where it is (<c>pending</c>, <c>sending</c>, <c>delivered</c>, <c>failed</c>), and
/// why the last attempt failed.
/// </summary>
public sealed record ApiWebhookDelivery(long Id, string Event, string State, int Attempts, int? LastStatusCode, string? LastError,
    DateTime CreatedAtUtc, DateTime? LastAttemptAtUtc, DateTime? DeliveredAtUtc, DateTime? NextAttemptAtUtc)
{
    public static ApiWebhookDelivery From(WebhookDeliveryView view)
    {
        ArgumentNullException.ThrowIfNull(view);
        var state = JsonNamingPolicy.KebabCaseLower.ConvertName(view.State.ToString());
        // A message that is done has no next attempt; the stored time is only the queue's bookkeeping.
        DateTime? next = view.State is Portal.Data.Entities.WebhookDeliveryState.Pending or Portal.Data.Entities.WebhookDeliveryState.Sending ? view.NextAttemptAtUtc : null;
        return new(view.Id, WebhookBodies.EventName(view.Event), state, view.Attempts, view.LastStatusCode, view.LastError,
            view.CreatedAtUtc, view.LastAttemptAtUtc, view.DeliveredAtUtc, next);
    }
}
