using System.Threading.Channels;
using Microsoft.Extensions.Logging;
using Portal.Application.Events;
using Portal.Application.Leaderboards;
using Portal.Web.Tests.Support;

namespace Portal.Web.Tests.Events;

/// <summary>
/// <see cref="RedisPortalEvents"/> when Redis is away, on a server of each test's own that it kills and starts again:
/// publishing neither throws nor blocks, the publishing process's own subscribers still hear everything, the outage
/// is logged, and messages cross again once Redis is back, with no restart of either side.
/// </summary>
public sealed class RedisOutageTests : IDisposable
{
    private static readonly TimeSpan Wait = TimeSpan.FromSeconds(20);

    // Past a reconnect: the multiplexer retries with a growing delay while Redis is away.
    private static readonly TimeSpan Reconnect = TimeSpan.FromSeconds(60);

    private readonly CapturingLoggerProvider _logs = new();
    private readonly ILoggerFactory _loggers;

    public RedisOutageTests() => _loggers = LoggerFactory.Create(b => b.AddProvider(_logs).SetMinimumLevel(LogLevel.Information));

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public void Dispose() => _loggers.Dispose();

    [Fact]
    public async Task Publish_RedisDownAtStart_NeitherThrowsNorBlocksAndCrossesOnceRedisIsUp()
    {
        // Arrange: the server's port, with nothing listening on it.
        using var server = RedisServer.TryStart(out var unavailable);
        RedisFixture.Require(unavailable);
        server!.Kill();
        using var a = new RedisPortalEvents(server.Configuration, _loggers);
        using var b = new RedisPortalEvents(server.Configuration, _loggers);
        var local = Channel.CreateUnbounded<int>();
        using var own = a.Subscribe<BoardChanged>(async change =>
        {
            if (change.CompetitionId >= 0)
            {
                await local.Writer.WriteAsync(change.CompetitionId);
            }
        });
        var count = RedisPortalEvents.MaxUnsent + 100;

        // Act: more than are kept for Redis, so the unsent queue is full and drops.
        for (var i = 0; i < count; i++)
        {
            a.Publish(new BoardChanged(i));
        }

        var heardLocally = await ReadAsync(local, count);
        await WaitForLogAsync("Live events cannot reach");
        server.Start();

        // Assert: the probe crosses once Redis is up.
        Assert.Equal(Enumerable.Range(0, count), heardLocally);
        await EventProbe.UntilHeardAsync(a, b, new BoardChanged(-1), Reconnect);
    }

    [Fact]
    public async Task Delivery_RedisKilledAndStartedAgain_ResumesWithoutRestartingEitherSide()
    {
        // Arrange: messages crossing.
        using var server = RedisServer.TryStart(out var unavailable);
        RedisFixture.Require(unavailable);
        using var a = new RedisPortalEvents(server!.Configuration, _loggers);
        using var b = new RedisPortalEvents(server.Configuration, _loggers);
        var local = Channel.CreateUnbounded<int>();
        using var own = a.Subscribe<BoardChanged>(async change =>
        {
            if (change.CompetitionId >= 0)
            {
                await local.Writer.WriteAsync(change.CompetitionId);
            }
        });
        await EventProbe.UntilHeardAsync(a, b, new BoardChanged(-1), Wait);

        // Act
        server.Kill();
        await WaitForLogAsync("Live events cannot reach");
        a.Publish(new BoardChanged(7));
        var heardLocally = await ReadAsync(local, 1);
        server.Start();

        // Assert: B subscribed again by itself, and A says Redis is back.
        Assert.Equal([7], heardLocally);
        await EventProbe.UntilHeardAsync(a, b, new BoardChanged(-2), Reconnect);
        await WaitForLogAsync("Live events reach");
    }

    private async Task WaitForLogAsync(string start)
    {
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(Ct);
        timeout.CancelAfter(Reconnect);
        while (!_logs.Lines.Any(l => l.Message.StartsWith(start, StringComparison.Ordinal)))
        {
            await Task.Delay(50, timeout.Token);
        }
    }

    private static async Task<List<T>> ReadAsync<T>(Channel<T> channel, int count)
    {
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(Ct);
        timeout.CancelAfter(Wait);
        var items = new List<T>();
        while (items.Count < count)
        {
            items.Add(await channel.Reader.ReadAsync(timeout.Token));
        }

        return items;
    }
}
