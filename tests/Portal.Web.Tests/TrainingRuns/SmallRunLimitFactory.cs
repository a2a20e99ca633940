using System.Globalization;
using Microsoft.AspNetCore.Hosting;
using Portal.Web.Tests.Support;

namespace Portal.Web.Tests.TrainingRuns;

/// <summary>The portal with a small training-run file limit, so that a file over it is cheap to send.</summary>
public sealed class SmallRunLimitFactory : PortalFactory
{
    public const long MaxFileBytes = 4 * 1024;

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        builder.UseSetting("TrainingRuns:MaxFileBytes", MaxFileBytes.ToString(CultureInfo.InvariantCulture));
    }
}
