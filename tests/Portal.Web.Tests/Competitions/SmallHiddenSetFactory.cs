using Microsoft.AspNetCore.Hosting;
using Portal.Web.Tests.Support;

namespace Portal.Web.Tests.Competitions;

/// <summary>The portal with a small hidden-set zip limit, so that a zip unpacking past it is cheap to build.</summary>
public sealed class SmallHiddenSetFactory : PortalFactory
{
    /// <summary>The limit on what a hidden-set zip unpacks to, in these tests.</summary>
    public const long MaxHiddenSetBytes = 256 * 1024;

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        builder.UseSetting("Portal:MaxHiddenSetBytes", MaxHiddenSetBytes.ToString(System.Globalization.CultureInfo.InvariantCulture));
    }
}
