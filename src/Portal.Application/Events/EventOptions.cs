namespace Portal.Application.Events;

/// <summary>The <c>Events</c> section of appsettings.json: where live events go beyond this process.</summary>
public sealed class EventOptions
{
    public const string Section = "Events";

    /// <summary>
    /// A StackExchange.Redis configuration string (<c>host:port[,password=...][,channelPrefix=...]</c>): events cross
    /// processes through Redis pub/sub (<see cref="RedisPortalEvents"/>). Empty (the default): events stay in this
    /// process (<see cref="InProcessPortalEvents"/>). Several portals sharing one Redis set different channel prefixes.
    /// </summary>
    public string Redis { get; set; } = "";
}
