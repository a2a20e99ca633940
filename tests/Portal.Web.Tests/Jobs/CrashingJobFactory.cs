using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using Portal.Application.Jobs;
using Portal.Web.Tests.Support;

namespace Portal.Web.Tests.Jobs;

/// <summary>The app with one more job handler: <see cref="CrashingJobHandler"/>.</summary>
public sealed class CrashingJobFactory : PortalFactory
{
    public CrashingJobHandler Handler { get; } = new();

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        builder.ConfigureTestServices(services => services.AddSingleton<IJobHandler>(Handler));
    }
}
