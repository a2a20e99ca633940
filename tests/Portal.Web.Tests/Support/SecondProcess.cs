using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Portal.Application.Hosting;

namespace Portal.Web.Tests.Support;

/// <summary>
/// What a second process over the same <see cref="PortalStore"/> holds (a second web instance, a worker):
/// Portal.Application's services in a DI container of their own, so their own caches and their own in-process events,
/// sharing nothing in memory with the app of a <see cref="PortalFactory"/>, only the database and the stored files. The
/// host is built, not started: no job worker runs in it.
/// </summary>
public sealed class SecondProcess : IDisposable
{
    private readonly IHost _host;

    private SecondProcess(IHost host) => _host = host;

    public IServiceProvider Services => _host.Services;

    /// <summary>
    /// Over <paramref name="store"/> (already migrated); <paramref name="configure"/> may replace services and
    /// <paramref name="settings"/> (e.g. <c>Events:Redis</c>) add to the configuration.
    /// </summary>
    public static SecondProcess Over(PortalStore store, Action<IServiceCollection>? configure = null, IReadOnlyDictionary<string, string>? settings = null)
    {
        ArgumentNullException.ThrowIfNull(store);
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { DisableDefaults = true, ContentRootPath = AppContext.BaseDirectory });
        var configuration = store.Settings.ToDictionary(s => s.Key, s => (string?)s.Value);
        configuration["Jobs:RunWorker"] = "false";
        foreach (var (key, value) in settings ?? new Dictionary<string, string>())
        {
            configuration[key] = value;
        }

        builder.Configuration.AddInMemoryCollection(configuration);
        builder.AddPortalData();
        builder.AddPortalFeatures();
        builder.AddPortalJobs();
        configure?.Invoke(builder.Services);
        return new SecondProcess(builder.Build());
    }

    public void Dispose() => _host.Dispose();
}
