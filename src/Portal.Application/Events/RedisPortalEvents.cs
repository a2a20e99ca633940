using System.Collections.Immutable;
using System.Threading.Channels;
using StackExchange.Redis;

namespace Portal.Application.Events;

/// <summary>
/// <see cref="IPortalEvents"/> across processes over Redis pub/sub (<see cref="EventOptions.Redis"/>): a message
/// published here is handed to this process's subscribers at once, as <see cref="InProcessPortalEvents"/> does (each
/// subscription has its own queue, so a slow page delays only itself), and sent to the other processes on the
/// channel of its type (<see cref="PortalMessageWire"/>). A message that comes back from Redis carrying this
/// instance's own id is dropped, so each subscriber sees each message exactly once, whether Redis is up or not.
/// <para>
/// Publishing never waits for Redis nor throws: the message goes into a queue of at most
/// <see cref="MaxUnsent"/> (the oldest dropped past that) that one loop sends in order. Redis that is down at start
/// or goes away is logged as a warning and reconnected to in the background (the multiplexer subscribes again
/// itself); meanwhile other processes miss messages, which only delays their pages' refresh: what a page shows is
/// read from the database and checked against its version.
/// </para>
/// </summary>
public sealed partial class RedisPortalEvents : IPortalEvents, IDisposable
{
    /// <summary>Messages kept for Redis while it is slow or away; older ones are dropped (they are only hints).</summary>
    public const int MaxUnsent = 10_000;

    private readonly InProcessPortalEvents _local;
    private readonly ILogger<RedisPortalEvents> _logger;
    private readonly string _origin = Guid.NewGuid().ToString("N");
    private readonly string _endPoints;
    private readonly Task<ConnectionMultiplexer> _connection;
    private readonly Channel<Outgoing> _unsent = Channel.CreateBounded<Outgoing>(new BoundedChannelOptions(MaxUnsent)
    {
        SingleReader = true,
        FullMode = BoundedChannelFullMode.DropOldest,
    });

    private ImmutableHashSet<Type> _listening = [];
    private int _down;
    private volatile bool _disposed;

    /// <summary>
    /// Connects to <paramref name="configuration"/> (a StackExchange.Redis configuration string) in the background;
    /// throws <see cref="ArgumentException"/> at once when the string cannot be parsed, never because Redis is away.
    /// </summary>
    public RedisPortalEvents(string configuration, ILoggerFactory loggers)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(configuration);
        ArgumentNullException.ThrowIfNull(loggers);
        var options = ConfigurationOptions.Parse(configuration);
        // Start and keep retrying when Redis is away, rather than fail the host.
        options.AbortOnConnectFail = false;
        _endPoints = string.Join(',', options.EndPoints);
        _local = new InProcessPortalEvents(loggers.CreateLogger<InProcessPortalEvents>());
        _logger = loggers.CreateLogger<RedisPortalEvents>();
        // Off the caller's thread from the first line: resolving the service never waits on the network.
        _connection = Task.Run(() => ConnectAsync(options));
        // The loop ends when this is disposed; it catches every failure, so it never faults.
        _ = Task.Run(SendAsync);
    }

    public void Publish<TMessage>(TMessage message) where TMessage : IPortalMessage
    {
        ArgumentNullException.ThrowIfNull(message);
        _local.Publish(message);
        byte[] payload;
        try
        {
            payload = PortalMessageWire.Encode(_origin, message);
        }
        catch (Exception e) when (e is NotSupportedException or InvalidOperationException or System.Text.Json.JsonException)
        {
            LogEncodeFailed(e, typeof(TMessage).Name);
            return;
        }

        _unsent.Writer.TryWrite(new Outgoing(ChannelOf(typeof(TMessage)), payload));
    }

    public IDisposable Subscribe<TMessage>(Func<TMessage, Task> handler) where TMessage : IPortalMessage
    {
        var subscription = _local.Subscribe(handler);
        if (ImmutableInterlocked.Update(ref _listening, types => types.Add(typeof(TMessage))))
        {
            // Once per type, for the life of this instance, off the subscriber's thread (a page's); it catches every
            // failure, so it never faults.
            _ = Task.Run(ListenAsync<TMessage>);
        }

        return subscription;
    }

    public void Dispose()
    {
        _disposed = true;
        _unsent.Writer.TryComplete();
        _ = _connection.ContinueWith(connected => connected.Result.Dispose(), CancellationToken.None,
            TaskContinuationOptions.OnlyOnRanToCompletion | TaskContinuationOptions.ExecuteSynchronously, TaskScheduler.Default);
    }

    private static RedisChannel ChannelOf(Type messageType) => RedisChannel.Literal(PortalMessageWire.ChannelOf(messageType));

    private async Task<ConnectionMultiplexer> ConnectAsync(ConfigurationOptions options)
    {
        var connection = await ConnectionMultiplexer.ConnectAsync(options).ConfigureAwait(false);
        connection.ConnectionFailed += (_, e) => Down(e.FailureType, e.Exception);
        connection.ConnectionRestored += (_, _) => Up();
        if (!connection.IsConnected)
        {
            Down(ConnectionFailureType.UnableToConnect, null);
        }

        return connection;
    }

    private async Task SendAsync()
    {
        ISubscriber publisher;
        try
        {
            publisher = (await _connection.ConfigureAwait(false)).GetSubscriber();
        }
        catch (Exception e)
        {
            LogConnectFailed(e);
            return;
        }

        await foreach (var message in _unsent.Reader.ReadAllAsync().ConfigureAwait(false))
        {
            try
            {
                // Fire and forget keeps the order (one loop writes them all) without a round trip per message; while
                // Redis is away the multiplexer holds them in its backlog until they time out.
                await publisher.PublishAsync(message.Channel, message.Payload, CommandFlags.FireAndForget).ConfigureAwait(false);
            }
            catch (Exception e)
            {
                LogSendFailed(e, message.Channel.ToString());
            }
        }
    }

    private async Task ListenAsync<TMessage>() where TMessage : IPortalMessage
    {
        try
        {
            var connection = await _connection.ConfigureAwait(false);
            // Registered at once whatever the connection's state (fire and forget: no wait, no throw), and sent again
            // by the multiplexer each time it reconnects. One queue, read in order: messages of one publisher stay in order.
            var queue = connection.GetSubscriber().Subscribe(ChannelOf(typeof(TMessage)), CommandFlags.FireAndForget);
            queue.OnMessage(received => Receive<TMessage>(received.Message));
        }
        catch (Exception e)
        {
            LogListenFailed(e, typeof(TMessage).Name);
        }
    }

    private void Receive<TMessage>(RedisValue payload) where TMessage : IPortalMessage
    {
        PortalMessageWire.Envelope<TMessage> envelope;
        try
        {
            envelope = PortalMessageWire.Decode<TMessage>(((ReadOnlyMemory<byte>)payload).Span);
        }
        catch (System.Text.Json.JsonException e)
        {
            LogDecodeFailed(e, typeof(TMessage).Name);
            return;
        }

        // This instance's own messages reached its subscribers when they were published.
        if (envelope.Origin != _origin)
        {
            _local.Publish(envelope.Message);
        }
    }

    private void Down(ConnectionFailureType failure, Exception? exception)
    {
        // One warning per outage (the multiplexer's retries while it lasts are not news), and none for closing it.
        if (!_disposed && Interlocked.Exchange(ref _down, 1) == 0)
        {
            LogRedisDown(exception, _endPoints, failure);
        }
    }

    private void Up()
    {
        if (Interlocked.Exchange(ref _down, 0) == 1)
        {
            LogRedisBack(_endPoints);
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Live events cannot reach {EndPoint} ({Failure}): other processes' pages refresh only on their own until it is back; retrying")]
    private partial void LogRedisDown(Exception? e, string endPoint, ConnectionFailureType failure);

    [LoggerMessage(Level = LogLevel.Information, Message = "Live events reach {EndPoint} again")]
    private partial void LogRedisBack(string endPoint);

    [LoggerMessage(Level = LogLevel.Error, Message = "Could not set up the Redis connection for live events; they stay in this process")]
    private partial void LogConnectFailed(Exception e);

    [LoggerMessage(Level = LogLevel.Error, Message = "A {MessageType} could not be written as JSON; it reached this process only")]
    private partial void LogEncodeFailed(Exception e, string messageType);

    [LoggerMessage(Level = LogLevel.Warning, Message = "A message for {Channel} could not be sent to Redis")]
    private partial void LogSendFailed(Exception e, string channel);

    [LoggerMessage(Level = LogLevel.Error, Message = "Could not subscribe to the {MessageType} messages of other processes")]
    private partial void LogListenFailed(Exception e, string messageType);

    [LoggerMessage(Level = LogLevel.Warning, Message = "A {MessageType} from Redis could not be read; it was dropped")]
    private partial void LogDecodeFailed(Exception e, string messageType);

    private readonly record struct Outgoing(RedisChannel Channel, byte[] Payload);
}
