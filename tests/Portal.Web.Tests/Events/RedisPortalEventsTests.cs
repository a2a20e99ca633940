using System.Threading.Channels;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Portal.Application.Events;
using Portal.Application.Leaderboards;
using Portal.Web.Tests.Support;

namespace Portal.Web.Tests.Events;

/// <summary>
/// Two <see cref="RedisPortalEvents"/> on separate connections to one Redis, as two processes have: messages cross in
/// order, each type of message crosses equal, a process hears its own messages exactly once, and a slow subscriber
/// delays only itself.
/// </summary>
public sealed class RedisPortalEventsTests(RedisFixture redis) : IClassFixture<RedisFixture>
{
    private static readonly TimeSpan Wait = TimeSpan.FromSeconds(20);

    public static TheoryData<string> MessageTypes => [.. PortalMessageSamples.Types.Select(t => t.FullName!)];

    [Fact]
    public async Task Publish_ManyMessages_ReachTheOtherProcessInOrder()
    {
        // Arrange
        var configuration = redis.Configuration();
        using var a = New(configuration);
        using var b = New(configuration);
        var received = Channel.CreateUnbounded<int>();
        using var subscription = b.Subscribe<BoardChanged>(async change =>
        {
            if (change.CompetitionId >= 0)
            {
                await received.Writer.WriteAsync(change.CompetitionId);
            }
        });
        await EventProbe.UntilHeardAsync(a, b, new BoardChanged(-1), Wait);

        // Act
        for (var i = 0; i < 500; i++)
        {
            a.Publish(new BoardChanged(i));
        }

        // Assert
        Assert.Equal(Enumerable.Range(0, 500), await ReadAsync(received, 500));
    }

    [Theory]
    [MemberData(nameof(MessageTypes))]
    public async Task Publish_EveryMessageType_ReachesTheOtherProcessEqual(string typeName)
    {
        // Arrange
        var configuration = redis.Configuration();
        using var a = New(configuration);
        using var b = New(configuration);
        var type = PortalMessageSamples.Types.Single(t => t.FullName == typeName);

        // Act and assert: the probe is heard only when what arrives equals what was sent.
        var crossing = (Task)PortalMessageSamples.InvokeGeneric(typeof(RedisPortalEventsTests), nameof(CrossAsync), type, a, b, PortalMessageSamples.Sample(type))!;
        await crossing;
    }

    [Fact]
    public async Task Publish_OwnMessages_ReachOwnSubscribersExactlyOnce()
    {
        // Arrange: both directions live.
        var configuration = redis.Configuration();
        using var a = New(configuration);
        using var b = New(configuration);
        const int Marker = 1_000_000;
        var heardByA = new List<int>();
        var markerHeard = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        using var ownSubscription = a.Subscribe<BoardChanged>(change =>
        {
            if (change.CompetitionId == Marker)
            {
                markerHeard.TrySetResult();
            }
            else if (change.CompetitionId >= 0)
            {
                heardByA.Add(change.CompetitionId);
            }

            return Task.CompletedTask;
        });
        var receivedByB = Channel.CreateUnbounded<int>();
        using var otherSubscription = b.Subscribe<BoardChanged>(async change =>
        {
            if (change.CompetitionId >= 0)
            {
                await receivedByB.Writer.WriteAsync(change.CompetitionId);
            }
        });
        await EventProbe.UntilHeardAsync(a, b, new BoardChanged(-1), Wait);
        await EventProbe.UntilHeardAsync(b, a, new BoardChanged(-2), Wait);

        // Act: once B has all of A's messages, Redis has sent A its own copies too; B's marker comes after them.
        for (var i = 0; i < 100; i++)
        {
            a.Publish(new BoardChanged(i));
        }

        Assert.Equal(Enumerable.Range(0, 100), await ReadAsync(receivedByB, 100));
        b.Publish(new BoardChanged(Marker));
        await markerHeard.Task.WaitAsync(Wait, Ct);

        // Assert: each once, at publication, none again from Redis.
        Assert.Equal(Enumerable.Range(0, 100), heardByA);
    }

    [Fact]
    public async Task Publish_SlowSubscriber_DelaysOnlyItself()
    {
        // Arrange: on B, a page stuck in its first refresh and a quick one.
        var configuration = redis.Configuration();
        using var a = New(configuration);
        using var b = New(configuration);
        var gate = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var slow = Channel.CreateUnbounded<int>();
        var quick = Channel.CreateUnbounded<int>();
        using var stuck = b.Subscribe<BoardChanged>(async change =>
        {
            if (change.CompetitionId >= 0)
            {
                await gate.Task;
                await slow.Writer.WriteAsync(change.CompetitionId);
            }
        });
        using var lively = b.Subscribe<BoardChanged>(async change =>
        {
            if (change.CompetitionId >= 0)
            {
                await quick.Writer.WriteAsync(change.CompetitionId);
            }
        });
        await EventProbe.UntilHeardAsync(a, b, new BoardChanged(-1), Wait);

        // Act
        for (var i = 0; i < 50; i++)
        {
            a.Publish(new BoardChanged(i));
        }

        var quickHeard = await ReadAsync(quick, 50);
        var slowBeforeGate = slow.Reader.Count;
        gate.SetResult();

        // Assert
        Assert.Equal(Enumerable.Range(0, 50), quickHeard);
        Assert.Equal(0, slowBeforeGate);
        Assert.Equal(Enumerable.Range(0, 50), await ReadAsync(slow, 50));
    }

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static RedisPortalEvents New(string configuration) => new(configuration, NullLoggerFactory.Instance);

    private static Task CrossAsync<TMessage>(IPortalEvents from, IPortalEvents to, IPortalMessage sample) where TMessage : IPortalMessage =>
        EventProbe.UntilHeardAsync(from, to, (TMessage)sample, Wait);

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
