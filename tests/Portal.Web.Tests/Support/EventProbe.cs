using Portal.Application.Events;

namespace Portal.Web.Tests.Support;

/// <summary>
/// Waits until messages of one type published by one <see cref="IPortalEvents"/> reach another across Redis: the
/// listener subscribes in the background, and a subscription is live only once Redis has it, which no API says.
/// </summary>
public static class EventProbe
{
    /// <summary>
    /// Publishes <paramref name="probe"/> from <paramref name="publisher"/> every 100 ms until <paramref name="listener"/>
    /// hears one equal to it; fails after <paramref name="timeout"/>. Subscribers of that type on the listener hear the
    /// probes too: give it a value they ignore.
    /// </summary>
    public static async Task UntilHeardAsync<TMessage>(IPortalEvents publisher, IPortalEvents listener, TMessage probe, TimeSpan timeout)
        where TMessage : IPortalMessage
    {
        ArgumentNullException.ThrowIfNull(publisher);
        ArgumentNullException.ThrowIfNull(listener);
        var heard = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        using var subscription = listener.Subscribe<TMessage>(message =>
        {
            if (Equals(message, probe))
            {
                heard.TrySetResult();
            }

            return Task.CompletedTask;
        });
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(TestContext.Current.CancellationToken);
        deadline.CancelAfter(timeout);
        while (!heard.Task.IsCompleted)
        {
            publisher.Publish(probe);
            try
            {
                await heard.Task.WaitAsync(TimeSpan.FromMilliseconds(100), deadline.Token);
            }
            catch (TimeoutException)
            {
                // Not yet: publish again.
            }
            catch (OperationCanceledException) when (!TestContext.Current.CancellationToken.IsCancellationRequested)
            {
                Assert.Fail($"No {typeof(TMessage).Name} crossed Redis within {timeout}.");
            }
        }
    }
}
