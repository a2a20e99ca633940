using Microsoft.AspNetCore.Components;
using Microsoft.Extensions.Options;
using Portal.Web.Hosting;

namespace Portal.Web.Components.Shared;

/// <summary>
/// The base of components that show time left ("Closes in 3 days 4 h"): while the page is interactive, they render
/// again every <see cref="UiOptions.CountdownRefresh"/>, on the injected <see cref="TimeProvider"/> (so tests move time
/// instead of waiting). The ticking task is kept and awaited at disposal, and a failure of a render goes to the circuit's
/// error handling (<see cref="ComponentBase.DispatchExceptionAsync"/>) rather than being lost.
/// </summary>
public abstract class CountdownComponentBase : ComponentBase, IAsyncDisposable
{
    private readonly CancellationTokenSource _stop = new();
    private Task _ticking = Task.CompletedTask;

    [Inject]
    protected TimeProvider Time { get; set; } = default!;

    [Inject]
    private IOptions<UiOptions> Options { get; set; } = default!;

    /// <summary>Now, in UTC, from the injected clock.</summary>
    protected DateTime UtcNow => Time.GetUtcNow().UtcDateTime;

    protected override void OnInitialized()
    {
        // A prerender or a static page is sent once: nothing would show the later renders.
        if (RendererInfo.IsInteractive && Options.Value.CountdownRefresh > TimeSpan.Zero)
        {
            _ticking = TickAsync(Options.Value.CountdownRefresh, _stop.Token);
        }
    }

    private async Task TickAsync(TimeSpan every, CancellationToken stop)
    {
        using var timer = new PeriodicTimer(every, Time);
        try
        {
            while (await timer.WaitForNextTickAsync(stop))
            {
                await InvokeAsync(StateHasChanged);
            }
        }
        catch (OperationCanceledException) when (stop.IsCancellationRequested)
        {
            // Disposed: the page is gone.
        }
        catch (Exception e)
        {
            await DispatchExceptionAsync(e);
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        await _ticking;
        _stop.Dispose();
        GC.SuppressFinalize(this);
    }
}
