namespace Portal.Web.Api;

/// <summary>The caller team's webhook in the API: its address (null when none) and its latest messages, newest first.</summary>
public sealed record ApiWebhook(string? Url, IReadOnlyList<ApiWebhookDelivery> Deliveries);
