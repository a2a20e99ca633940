namespace Portal.Application.Notifications;

/// <summary>A webhook's host resolved only to addresses the portal does not call (<see cref="WebhookAddressPolicy"/>).</summary>
public sealed class WebhookAddressRefusedException(string message) : Exception(message);
