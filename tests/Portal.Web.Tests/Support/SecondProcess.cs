using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Portal.Application.Hosting;

namespace Portal.Web.Tests.Support;

/// <summary>
/// What a second process over the same data folder holds (a second web instance, a worker): Portal.Application's
/// services in a DI container of their own, so their own caches and their own in-process events, sharing nothing in
/// memory with the app of a <see cref="PortalFactory"/>, only the SQLite file and the stored files. The host is built,
/// not started: no job worker runs in it.
/// </summary>
public sealed class SecondProcess : IDisposable
{
    private readonly IHost _host;

    private SecondProcess(IHost host) => _host = host;

    public IServiceProvider Services => _host.Services;

    /// <summary>
    /// Over <paramref name="dataDirectory"/> (already migrated); <paramref name="configure"/> may replace services and
    /// <paramref name="settings"/> (e.g. <c>Events:Redis</c>) add to the configuration.
    /// </summary>
    public static SecondProcess Over(string dataDirectory, Action<IServiceCollection>? configure = null, IReadOnlyDictionary<string, string>? settings = null)
    {
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { DisableDefaults = true, ContentRootPath = AppContext.BaseDirectory });
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Portal:DataDirectory"] = dataDirectory,
            ["Jobs:RunWorker"] = "false",
        });
        builder.Configuration.AddInMemoryCollection(settings?.Select(s => new KeyValuePair<string, string?>(s.Key, s.Value)) ?? []);
        builder.AddPortalData();
        builder.AddPortalFeatures();
        builder.AddPortalJobs();
        configure?.Invoke(builder.Services);
        return new SecondProcess(builder.Build());
    }

    public void Dispose() => _host.Dispose();
}
