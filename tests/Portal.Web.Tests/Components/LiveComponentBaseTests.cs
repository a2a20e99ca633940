using Bunit;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Rendering;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Portal.Application.Events;
using Portal.Application.Leaderboards;
using Portal.Web.Components.Shared;

namespace Portal.Web.Tests.Components;

/// <summary>
/// The one path from a portal event to a component (<see cref="LiveComponentBase"/>): the refresh runs and renders, a
/// failure in it reaches the renderer's error handling (in a circuit: logged, and the error UI shown) instead of
/// vanishing in a discarded task, and a disposed component hears nothing more.
/// </summary>
public sealed class LiveComponentBaseTests : PortalComponentTest
{
    private static readonly TimeSpan Wait = TimeSpan.FromSeconds(10);

    public LiveComponentBaseTests()
    {
        Services.AddSingleton<ILogger<InProcessPortalEvents>>(NullLogger<InProcessPortalEvents>.Instance);
        Services.AddSingleton<IPortalEvents, InProcessPortalEvents>();
    }

    private IPortalEvents Events => Services.GetRequiredService<IPortalEvents>();

    [Fact]
    public void RefreshOn_MatchingMessage_RefreshesAndRenders()
    {
        // Arrange
        var cut = Render<RefreshProbe>(p => p.Add(c => c.CompetitionId, 7).Add(c => c.Refresh, _ => Task.CompletedTask));

        // Act
        Events.Publish(new BoardChanged(8));
        Events.Publish(new BoardChanged(7));

        // Assert
        cut.WaitForAssertion(() => Assert.Equal("refreshed 1", cut.Find("p").TextContent), Wait);
    }

    [Fact]
    public async Task RefreshOn_RefreshThrows_ExceptionReachesTheRenderer()
    {
        // Arrange
        Render<RefreshProbe>(p => p.Add(c => c.CompetitionId, 7).Add(c => c.Refresh, _ => throw new InvalidOperationException("The board could not be read.")));

        // Act
        Events.Publish(new BoardChanged(7));

        // Assert
        var error = await Renderer.UnhandledException.WaitAsync(Wait, Xunit.TestContext.Current.CancellationToken);
        Assert.Equal("The board could not be read.", error.Message);
    }

    [Fact]
    public async Task RefreshOn_ComponentDisposed_RefreshesNoMore()
    {
        // Arrange
        var refreshed = 0;
        Render<RefreshProbe>(p => p.Add(c => c.CompetitionId, 7).Add(c => c.Refresh, _ =>
        {
            Interlocked.Increment(ref refreshed);
            return Task.CompletedTask;
        }));
        await DisposeComponentsAsync();

        // Act
        Events.Publish(new BoardChanged(7));
        await Task.Delay(TimeSpan.FromMilliseconds(300), Xunit.TestContext.Current.CancellationToken);

        // Assert
        Assert.Equal(0, Volatile.Read(ref refreshed));
    }

    /// <summary>Shows how many times it refreshed for its competition's board changes.</summary>
    private sealed class RefreshProbe : LiveComponentBase
    {
        private int _refreshes;

        [Parameter]
        public int CompetitionId { get; set; }

        [Parameter]
        public Func<BoardChanged, Task> Refresh { get; set; } = default!;

        protected override void OnInitialized() => RefreshOn<BoardChanged>(change => change.CompetitionId == CompetitionId, async change =>
        {
            await Refresh(change);
            _refreshes++;
        });

        protected override void BuildRenderTree(RenderTreeBuilder builder)
        {
            builder.OpenElement(0, "p");
            builder.AddContent(1, $"refreshed {_refreshes}");
            builder.CloseElement();
        }
    }
}
