using System.Globalization;
using Microsoft.AspNetCore.Hosting;
using Portal.Web.Tests.Support;

namespace Portal.Web.Tests.Hosts;

/// <summary>The portal with a host API token set by configuration and a small hidden-set limit, so that bodies over it are cheap to send.</summary>
public sealed class HostApiPortalFactory : PortalFactory
{
    public const string ConfiguredToken = "ph_configured-for-the-tests-0123456789";
    public const long MaxHiddenSetBytes = 4 * 1024 * 1024;

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        builder.UseSetting("Portal:HostApiToken", ConfiguredToken);
        builder.UseSetting("Portal:MaxHiddenSetBytes", MaxHiddenSetBytes.ToString(CultureInfo.InvariantCulture));
    }
}
