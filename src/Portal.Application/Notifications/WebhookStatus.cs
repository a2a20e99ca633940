using Portal.Data.Entities;

namespace Portal.Application.Notifications;

/// <summary>A team's webhook as its team page shows it: the address and the last message's fate.</summary>
public sealed record WebhookStatus(string? Url, WebhookDeliveryView? LastDelivery);
