namespace Portal.Application.Events;

/// <summary>
/// Live notifications for the open pages: job progress (<see cref="Jobs.JobUpdate"/>) and board changes
/// (<see cref="Leaderboards.BoardChanged"/>). Only a hint to refresh sooner: what a page shows is always read from
/// the database (caches check the version stored with the data), so a lost message delays a refresh, never
/// leaves a page wrong for good. In-process by default (<see cref="InProcessPortalEvents"/>); a scaled-out
/// deployment puts a pub/sub channel behind the same interface.
/// </summary>
public interface IPortalEvents
{
    /// <summary>
    /// Sends <paramref name="message"/> to the subscribers of its type. Returns at once: it neither waits for the
    /// subscribers nor throws for their failures. Messages from one publisher reach each subscriber in order.
    /// </summary>
    void Publish<TMessage>(TMessage message) where TMessage : IPortalMessage;

    /// <summary>
    /// Calls <paramref name="handler"/> for each message of type <typeparamref name="TMessage"/> published from now on,
    /// one at a time, off the publisher's thread; a handler's exception is logged and the next message still comes.
    /// Dispose the result to stop.
    /// </summary>
    IDisposable Subscribe<TMessage>(Func<TMessage, Task> handler) where TMessage : IPortalMessage;
}
