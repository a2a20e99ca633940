using Microsoft.AspNetCore.Components;
using Portal.Application.Events;

namespace Portal.Web.Components.Shared;

/// <summary>
/// The base of components that refresh on portal events (a job's progress, a board change). The one place where an
/// event reaches a component: the refresh runs on the component's dispatcher and is awaited, a failure of it goes to
/// the circuit's error handling (<see cref="ComponentBase.DispatchExceptionAsync"/>, as a failure in a click handler
/// would) instead of being lost, and every subscription ends when the component is disposed.
/// </summary>
public abstract class LiveComponentBase : ComponentBase, IDisposable
{
    private readonly List<IDisposable> _subscriptions = [];
    private bool _disposed;

    [Inject]
    private IPortalEvents Events { get; set; } = default!;

    /// <summary>
    /// From now until disposal, for each <typeparamref name="TMessage"/> for which <paramref name="applies"/> is true,
    /// awaits <paramref name="refresh"/> and renders again. Both run on the component's dispatcher, so they may read
    /// and change the component's state. Call once, from <c>OnInitialized</c>.
    /// </summary>
    protected void RefreshOn<TMessage>(Func<TMessage, bool> applies, Func<TMessage, Task> refresh) where TMessage : IPortalMessage
    {
        ArgumentNullException.ThrowIfNull(applies);
        ArgumentNullException.ThrowIfNull(refresh);
        _subscriptions.Add(Events.Subscribe<TMessage>(message => InvokeAsync(async () =>
        {
            if (_disposed || !applies(message))
            {
                return;
            }

            try
            {
                await refresh(message);
                StateHasChanged();
            }
            catch (Exception e)
            {
                await DispatchExceptionAsync(e);
            }
        })));
    }

    public void Dispose()
    {
        _disposed = true;
        foreach (var subscription in _subscriptions)
        {
            subscription.Dispose();
        }

        _subscriptions.Clear();
        GC.SuppressFinalize(this);
    }
}
