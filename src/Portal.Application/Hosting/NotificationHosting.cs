using Portal.Application.Notifications;

namespace Portal.Application.Hosting;

/// <summary>Registers team webhooks: the address policy, the outbox, the team service and the background sender.</summary>
public static class NotificationHosting
{
    public static IHostApplicationBuilder AddPortalNotifications(this IHostApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        var services = builder.Services;
        services.Configure<NotificationOptions>(builder.Configuration.GetSection(NotificationOptions.Section));
        services.AddSingleton<WebhookAddressPolicy>();
        services.AddSingleton<WebhookOutbox>();
        services.AddSingleton<WebhookDeliveryStore>();
        services.AddSingleton<WebhookHttp>();
        services.AddSingleton<TeamWebhookService>();
        services.AddHostedService<WebhookSender>();
        return builder;
    }
}
