using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.Logging;
using Portal.Web.Tests.Support;

namespace Portal.Web.Tests.Models;

/// <summary>The portal configured for CUDA on a machine without the CUDA 13 libraries; its log lines are kept.</summary>
public sealed class CudaRequestedFactory : ModelPortalFactory
{
    public CapturingLoggerProvider Logs { get; } = new();

    protected override IReadOnlyDictionary<string, string> Settings { get; } = new Dictionary<string, string> { ["Inference:Provider"] = "Cuda" };

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        builder.ConfigureLogging(logging => logging.AddProvider(Logs));
    }
}
