using Microsoft.Extensions.Options;
using Portal.Application.Caching;
using Portal.Application.Events;

namespace Portal.Application.Hosting;

/// <summary>
/// Registers the live events and the versioned caches. The caches are correct for any number of processes over one
/// database (they check the version stored with the data), so they stay in-process; the events are in-process too,
/// unless <see cref="EventOptions.Redis"/> names a Redis, through which they also reach the pages of other processes.
/// </summary>
public static class EventHosting
{
    public static IHostApplicationBuilder AddPortalEvents(this IHostApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.Services.Configure<EventOptions>(builder.Configuration.GetSection(EventOptions.Section));
        builder.Services.AddSingleton<IPortalEvents>(services =>
        {
            var redis = services.GetRequiredService<IOptions<EventOptions>>().Value.Redis;
            return string.IsNullOrWhiteSpace(redis)
                ? ActivatorUtilities.CreateInstance<InProcessPortalEvents>(services)
                : new RedisPortalEvents(redis, services.GetRequiredService<ILoggerFactory>());
        });
        builder.Services.AddSingleton(typeof(ICompetitionCache<>), typeof(InProcessCompetitionCache<>));
        return builder;
    }
}
