using System.Globalization;
using Microsoft.AspNetCore.Hosting;
using Portal.Web.Tests.Support;

namespace Portal.Web.Tests.Api;

/// <summary>The portal with small upload limits, so that bodies over them are cheap to send.</summary>
public sealed class UploadLimitPortalFactory : PortalFactory
{
    public const long MaxCsvBytes = 64 * 1024;
    public const long MaxModelBytes = 32 * 1024;
    public const int MaxModels = 4;

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        builder.UseSetting("Portal:MaxCsvBytes", MaxCsvBytes.ToString(CultureInfo.InvariantCulture));
        builder.UseSetting("Inference:MaxModelBytes", MaxModelBytes.ToString(CultureInfo.InvariantCulture));
        builder.UseSetting("Inference:MaxModelsPerSubmission", MaxModels.ToString(CultureInfo.InvariantCulture));
        builder.UseSetting("Inference:Provider", "Cpu");
    }
}
