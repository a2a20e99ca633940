using Microsoft.AspNetCore.Hosting;
using Portal.Web.Tests.Support;

namespace Portal.Web.Tests.Security;

/// <summary>The portal with the submission rate limiter at two requests a minute per team.</summary>
public sealed class RateLimitedPortalFactory : PortalFactory
{
    public const int Permits = 2;

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        builder.UseSetting("Api:SubmissionPermits", Permits.ToString(System.Globalization.CultureInfo.InvariantCulture));
        builder.UseSetting("Api:SubmissionWindow", "00:01:00");
    }
}
