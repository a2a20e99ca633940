using Microsoft.AspNetCore.Hosting;
using Portal.Web.Tests.Support;

namespace Portal.Web.Tests.Notifications;

/// <summary>The portal with webhooks allowed on loopback (the tests' receiver), retried after a tenth of a second and polled often.</summary>
public sealed class WebhookPortalFactory : PortalFactory
{
    /// <summary>The settings, also for a second instance over the same store.</summary>
    public static readonly IReadOnlyDictionary<string, string> Settings = new Dictionary<string, string>
    {
        ["Notifications:AllowLoopback"] = "true",
        ["Notifications:FirstRetryDelay"] = "00:00:00.100",
        ["Notifications:MaxRetryDelay"] = "00:00:00.200",
        ["Notifications:PollInterval"] = "00:00:00.200",
        ["Notifications:Timeout"] = "00:00:30",
        ["Notifications:MaxAttempts"] = "3",
    };

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        foreach (var (key, value) in Settings)
        {
            builder.UseSetting(key, value);
        }
    }
}
