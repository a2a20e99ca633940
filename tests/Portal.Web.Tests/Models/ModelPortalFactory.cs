using Microsoft.AspNetCore.Hosting;
using Portal.Web.Tests.Support;

namespace Portal.Web.Tests.Models;

/// <summary>The portal with small model limits, so that the size refusal and quick runs are cheap to test; settings may be added per fixture.</summary>
public class ModelPortalFactory : PortalFactory
{
    /// <summary>The model size limit the tests run under.</summary>
    public const long MaxModelBytes = 64 * 1024;

    protected virtual IReadOnlyDictionary<string, string> Settings { get; } = new Dictionary<string, string>();

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        builder.UseSetting("Inference:Provider", "Cpu");
        builder.UseSetting("Inference:MaxModelBytes", MaxModelBytes.ToString(System.Globalization.CultureInfo.InvariantCulture));
        builder.UseSetting("Inference:BatchSize", "16");
        builder.UseSetting("Inference:ProgressInterval", "00:00:00.010");
        foreach (var (key, value) in Settings)
        {
            builder.UseSetting(key, value);
        }
    }
}
