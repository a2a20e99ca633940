using System.Collections.Concurrent;
using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Portal.Web.Tests.Support;

/// <summary>
/// A webhook receiver on loopback (Kestrel on a free port): it records every JSON body posted to it and answers as
/// <see cref="Answer"/> says, by the number of the request (1 for the first), so tests can fail, hang or succeed.
/// </summary>
public sealed class WebhookReceiver : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly ConcurrentQueue<JsonElement> _bodies = new();
    private readonly ConcurrentQueue<string?> _deliveryIds = new();
    private readonly SemaphoreSlim _arrived = new(0, int.MaxValue);
    private int _requests;

    private WebhookReceiver(WebApplication app) => _app = app;

    /// <summary>The status of request n (1-based), after any wait it chooses; 200 by default.</summary>
    public Func<int, CancellationToken, Task<int>> Answer { get; set; } = (_, _) => Task.FromResult(200);

    /// <summary>The address to save as a team's webhook.</summary>
    public Uri Url { get; private set; } = default!;

    /// <summary>Every body received so far, in order.</summary>
    public IReadOnlyList<JsonElement> Bodies => _bodies.ToList();

    /// <summary>The X-Portal-Delivery header of every request, in order of arrival (answered or not).</summary>
    public IReadOnlyList<string?> DeliveryIds => _deliveryIds.ToList();

    /// <summary>How many requests arrived (answered or not).</summary>
    public int Requests => Volatile.Read(ref _requests);

    public static async Task<WebhookReceiver> StartAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Logging.ClearProviders();
        var app = builder.Build();
        var receiver = new WebhookReceiver(app);
        app.MapPost("/hook", receiver.ReceiveAsync);
        await app.StartAsync(TestContext.Current.CancellationToken);
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        receiver.Url = new Uri(new Uri(address), "/hook");
        return receiver;
    }

    /// <summary>Waits until a body whose <c>event</c> is <paramref name="eventName"/> arrived (15 s at most) and returns it.</summary>
    public async Task<JsonElement> WaitForAsync(string eventName, Func<JsonElement, bool>? match = null)
    {
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(15);
        while (true)
        {
            var found = _bodies.FirstOrDefault(b => b.GetProperty("event").GetString() == eventName && (match is null || match(b)));
            if (found.ValueKind != JsonValueKind.Undefined)
            {
                return found;
            }

            var left = deadline - DateTime.UtcNow;
            Assert.True(left > TimeSpan.Zero, $"No '{eventName}' message arrived; received: {string.Join(" | ", _bodies.Select(b => b.GetRawText()))}");
            await _arrived.WaitAsync(left, TestContext.Current.CancellationToken);
        }
    }

    /// <summary>Waits until at least <paramref name="count"/> requests arrived (15 s at most).</summary>
    public async Task WaitForRequestsAsync(int count)
    {
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(15);
        while (Requests < count)
        {
            Assert.True(DateTime.UtcNow < deadline, $"Only {Requests} of {count} requests arrived.");
            await Task.Delay(50, TestContext.Current.CancellationToken);
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync(CancellationToken.None);
        await _app.DisposeAsync();
        _arrived.Dispose();
    }

    private async Task ReceiveAsync(HttpContext http)
    {
        _deliveryIds.Enqueue(http.Request.Headers["X-Portal-Delivery"].FirstOrDefault());
        var number = Interlocked.Increment(ref _requests);
        using var json = await JsonDocument.ParseAsync(http.Request.Body, cancellationToken: http.RequestAborted);
        var status = await Answer(number, http.RequestAborted);
        if (status is >= 200 and < 300)
        {
            _bodies.Enqueue(json.RootElement.Clone());
            _arrived.Release();
        }

        http.Response.StatusCode = status;
    }
}
