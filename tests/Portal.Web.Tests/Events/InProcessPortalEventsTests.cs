using System.Threading.Channels;
using Microsoft.Extensions.Logging;
using Portal.Application.Events;
using Portal.Application.Jobs;
using Portal.Application.Leaderboards;
using Portal.Data.Entities;
using Portal.Web.Tests.Support;

namespace Portal.Web.Tests.Events;

/// <summary>The in-process events: in order per subscriber, by type, and a failing subscriber neither stops its next message nor reaches the publisher.</summary>
public sealed class InProcessPortalEventsTests : IDisposable
{
    private static readonly TimeSpan Wait = TimeSpan.FromSeconds(10);
    private readonly CapturingLoggerProvider _logs = new();
    private readonly ILoggerFactory _loggerFactory;
    private readonly InProcessPortalEvents _events;

    public InProcessPortalEventsTests()
    {
        _loggerFactory = LoggerFactory.Create(b => b.AddProvider(_logs));
        _events = new InProcessPortalEvents(_loggerFactory.CreateLogger<InProcessPortalEvents>());
    }

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public void Dispose() => _loggerFactory.Dispose();

    [Fact]
    public async Task Publish_ManyMessages_ReachEachSubscriberOfTheirTypeInOrder()
    {
        // Arrange
        var first = Channel.CreateUnbounded<int>();
        var second = Channel.CreateUnbounded<int>();
        var jobs = 0;
        using var a = _events.Subscribe<BoardChanged>(async change => await first.Writer.WriteAsync(change.CompetitionId, Ct));
        using var b = _events.Subscribe<BoardChanged>(async change => await second.Writer.WriteAsync(change.CompetitionId, Ct));
        using var c = _events.Subscribe<JobUpdate>(_ => Task.FromResult(Interlocked.Increment(ref jobs)));

        // Act
        for (var i = 0; i < 200; i++)
        {
            _events.Publish(new BoardChanged(i));
        }

        // Assert
        Assert.Equal(Enumerable.Range(0, 200), await ReadAsync(first, 200));
        Assert.Equal(Enumerable.Range(0, 200), await ReadAsync(second, 200));
        Assert.Equal(0, Volatile.Read(ref jobs));
    }

    [Fact]
    public async Task Publish_SubscriberThrows_PublisherUnaffectedFailureLoggedAndNextMessageDelivered()
    {
        // Arrange
        var received = Channel.CreateUnbounded<long>();
        using var subscription = _events.Subscribe<JobUpdate>(async update =>
        {
            if (update.JobId == 1)
            {
                throw new InvalidOperationException("The page could not reload.");
            }

            await received.Writer.WriteAsync(update.JobId, Ct);
        });

        // Act
        _events.Publish(Update(1));
        _events.Publish(Update(2));

        // Assert
        Assert.Equal([2L], await ReadAsync(received, 1));
        Assert.Contains(_logs.Lines, l => l.Level == LogLevel.Error && l.Message == "A subscriber to JobUpdate failed");
    }

    private static JobUpdate Update(long id) => new(id, JobKind.ScoreSubmission, 1, 1, JobState.Running, 0.5, "Scoring", null);

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
