using Microsoft.AspNetCore.Hosting;
using Portal.Web.Tests.Support;

namespace Portal.Web.Tests.Notifications;

/// <summary>The portal with webhooks allowed on loopback (the tests' receiver), retried after a tenth of a second and polled often.</summary>
public sealed class WebhookPortalFactory : PortalFactory
{
    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        builder.UseSetting("Notifications:AllowLoopback", "true");
        builder.UseSetting("Notifications:FirstRetryDelay", "00:00:00.100");
        builder.UseSetting("Notifications:MaxRetryDelay", "00:00:00.200");
        builder.UseSetting("Notifications:PollInterval", "00:00:00.200");
        builder.UseSetting("Notifications:Timeout", "00:00:03");
        builder.UseSetting("Notifications:MaxAttempts", "3");
    }
}
