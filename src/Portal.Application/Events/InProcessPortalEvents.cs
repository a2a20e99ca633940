using System.Collections.Immutable;
using System.Threading.Channels;

namespace Portal.Application.Events;

/// <summary>
/// <see cref="IPortalEvents"/> within one process (the default): each subscription has its own queue, drained by one
/// loop, so a slow page delays only itself and never the scorer that published.
/// </summary>
public sealed partial class InProcessPortalEvents(ILogger<InProcessPortalEvents> logger) : IPortalEvents
{
    private ImmutableDictionary<Type, ImmutableList<ISubscription>> _subscriptions = ImmutableDictionary<Type, ImmutableList<ISubscription>>.Empty;

    private interface ISubscription
    {
        void Post(object message);
    }

    public void Publish<TMessage>(TMessage message) where TMessage : IPortalMessage
    {
        ArgumentNullException.ThrowIfNull(message);
        foreach (var subscription in Volatile.Read(ref _subscriptions).GetValueOrDefault(typeof(TMessage), []))
        {
            subscription.Post(message);
        }
    }

    public IDisposable Subscribe<TMessage>(Func<TMessage, Task> handler) where TMessage : IPortalMessage
    {
        ArgumentNullException.ThrowIfNull(handler);
        var subscription = new Subscription<TMessage>(this, handler);
        ImmutableInterlocked.AddOrUpdate(ref _subscriptions, typeof(TMessage), [subscription], (_, list) => list.Add(subscription));
        return subscription;
    }

    private void Remove(Type type, ISubscription subscription) =>
        ImmutableInterlocked.AddOrUpdate(ref _subscriptions, type, [], (_, list) => list.Remove(subscription));

    [LoggerMessage(Level = LogLevel.Error, Message = "A subscriber to {MessageType} failed")]
    private partial void LogSubscriberFailed(Exception e, string messageType);

    private sealed class Subscription<TMessage> : ISubscription, IDisposable where TMessage : IPortalMessage
    {
        private readonly Channel<TMessage> _queue = Channel.CreateUnbounded<TMessage>(new UnboundedChannelOptions { SingleReader = true });
        private readonly InProcessPortalEvents _owner;
        private readonly Func<TMessage, Task> _handler;

        public Subscription(InProcessPortalEvents owner, Func<TMessage, Task> handler)
        {
            _owner = owner;
            _handler = handler;
            // The loop ends when the subscription is disposed; it catches every handler failure, so it never faults.
            _ = Task.Run(DrainAsync);
        }

        public void Post(object message) => _queue.Writer.TryWrite((TMessage)message);

        public void Dispose()
        {
            _owner.Remove(typeof(TMessage), this);
            _queue.Writer.TryComplete();
        }

        private async Task DrainAsync()
        {
            await foreach (var message in _queue.Reader.ReadAllAsync())
            {
                try
                {
                    await _handler(message);
                }
                catch (Exception e)
                {
                    _owner.LogSubscriberFailed(e, typeof(TMessage).Name);
                }
            }
        }
    }
}
