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
    public const long MaxRunBytes = 16 * 1024;

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        builder.UseSetting("Portal:MaxCsvBytes", MaxCsvBytes.ToString(CultureInfo.InvariantCulture));
        builder.UseSetting("Inference:MaxModelBytes", MaxModelBytes.ToString(CultureInfo.InvariantCulture));
        builder.UseSetting("Inference:MaxModelsPerSubmission", MaxModels.ToString(CultureInfo.InvariantCulture));
        builder.UseSetting("Inference:Provider", "Cpu");
        // A run may come with any submission, so its limit is part of every body's: small here too.
        builder.UseSetting("TrainingRuns:MaxUploadBytes", MaxRunBytes.ToString(CultureInfo.InvariantCulture));
        builder.UseSetting("TrainingRuns:MaxFileBytes", MaxRunBytes.ToString(CultureInfo.InvariantCulture));
    }
}
