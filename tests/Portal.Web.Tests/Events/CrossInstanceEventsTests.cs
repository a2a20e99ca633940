using System.Threading.Channels;
using Microsoft.Extensions.DependencyInjection;
using Portal.Application.Access;
using Portal.Application.Competitions;
using Portal.Application.Events;
using Portal.Application.Leaderboards;
using Portal.Web.Tests.Support;

namespace Portal.Web.Tests.Events;

/// <summary>
/// Two instances of the portal over one database with <c>Events:Redis</c> set: the web app of a
/// <see cref="PortalFactory"/> and a <see cref="SecondProcess"/> (its own DI container, caches and Redis connection).
/// A score taken by the first reaches a page subscriber of the second, whose next board read shows it. (That the board
/// is right even with no message at all is <see cref="Caching.CrossProcessCacheTests"/>' part.)
/// </summary>
public sealed class CrossInstanceEventsTests(RedisFixture redis) : IClassFixture<RedisFixture>, IDisposable
{
    private static readonly TimeSpan Wait = TimeSpan.FromSeconds(20);
    private static readonly Viewer Host = new(null, IsHost: true);
    private readonly string _folder = PortalFactory.NewDataDirectory();

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public void Dispose() => PortalFactory.DeleteDataDirectory(_folder);

    [Fact]
    public async Task Score_TakenByOneInstance_NotifiesAPageOfTheOtherWhoseNextReadShowsIt()
    {
        // Arrange
        var settings = new Dictionary<string, string> { ["Events:Redis"] = redis.Configuration() };
        await using var first = PortalFactory.Over(_folder, runWorker: true, settings);
        var scenario = await new ScenarioBuilder(first).BuildAsync();
        using var second = SecondProcess.Over(_folder, settings: settings);
        var events = second.Services.GetRequiredService<IPortalEvents>();
        var changes = Channel.CreateUnbounded<int>();
        using var page = events.Subscribe<BoardChanged>(async change =>
        {
            if (change.CompetitionId == scenario.CompetitionId)
            {
                await changes.Writer.WriteAsync(change.CompetitionId);
            }
        });
        await EventProbe.UntilHeardAsync(first.Services.GetRequiredService<IPortalEvents>(), events, new BoardChanged(-1), Wait);
        var before = await PublicBoardAsync(second, scenario);
        using var teamA = first.WithToken(scenario.A.Token);
        var predicted = scenario.Predict(0.8, 0.6);

        // Act: a CSV is scored in the request that uploads it.
        var id = await teamA.SubmitAcceptedAsync(scenario.Slug, scenario.Csv(predicted));
        var notified = await changes.Reader.ReadAsync(Ct).AsTask().WaitAsync(Wait, Ct);
        var after = await PublicBoardAsync(second, scenario);

        // Assert
        Assert.IsType<RedisPortalEvents>(events);
        Assert.Equal(scenario.CompetitionId, notified);
        Assert.Empty(before.Rows);
        var row = Assert.Single(after.Rows);
        Assert.Equal(id, row.SubmissionId);
        Assert.Equal(scenario.PublicScore(predicted), row.Score, 12);
    }

    // As a page of the second instance reads it: the competition afresh, then its board.
    private static async Task<LeaderboardView> PublicBoardAsync(SecondProcess second, Scenario scenario)
    {
        var competition = await second.Services.GetRequiredService<CompetitionService>().FindAsync(scenario.Slug, Host, Ct);
        return await second.Services.GetRequiredService<LeaderboardService>().GetAsync(competition!, BoardKind.Public, Host, Ct);
    }
}
