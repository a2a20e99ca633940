using Portal.Application.Caching;
using Portal.Application.Events;

namespace Portal.Application.Hosting;

/// <summary>
/// Registers the live events and the versioned caches, in-process: correct for any number of processes over one
/// database (caches check the version stored with the data); another <see cref="IPortalEvents"/> only makes pages of
/// other processes refresh sooner.
/// </summary>
public static class EventHosting
{
    public static IHostApplicationBuilder AddPortalEvents(this IHostApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.Services.AddSingleton<IPortalEvents, InProcessPortalEvents>();
        builder.Services.AddSingleton(typeof(ICompetitionCache<>), typeof(InProcessCompetitionCache<>));
        return builder;
    }
}
