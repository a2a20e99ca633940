using Portal.Data.Entities;

namespace Portal.Application.Notifications;

/// <summary>One webhook message as the team sees it: what it told, where it is, and why the last attempt failed.</summary>
public sealed record WebhookDeliveryView(long Id, WebhookEvent Event, WebhookDeliveryState State, int Attempts, int? LastStatusCode, string? LastError,
    DateTime CreatedAtUtc, DateTime? LastAttemptAtUtc, DateTime? DeliveredAtUtc, DateTime NextAttemptAtUtc);
