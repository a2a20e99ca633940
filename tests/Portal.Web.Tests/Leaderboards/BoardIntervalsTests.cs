using System.Net;
using Microsoft.Extensions.DependencyInjection;
using Portal.Application.Access;
using Portal.Application.Competitions;
using Portal.Application.Leaderboards;
using Portal.Core.Trust;
using Portal.Web.Api;
using Portal.Web.Tests.Support;

namespace Portal.Web.Tests.Leaderboards;

/// <summary>
/// The board's intervals and tiers are BoardTiers' over the public images, with Compare's resampling, computed once
/// per board change; the private board's are shown only when the private board is.
/// </summary>
[AlsoOnPostgres]
public sealed class BoardIntervalsTests(PortalFactory factory) : IClassFixture<PortalFactory>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Intervals_TwoTeams_AreBoardTiersOnThePublicImagesAndServedOverTheApi()
    {
        // Arrange
        var scenario = await new ScenarioBuilder(factory).WithImages(60).BuildAsync();
        var good = scenario.Predict(0.9, 0.6);
        var weak = scenario.Predict(0.5, 0.9);
        using (var a = factory.WithToken(scenario.A.Token))
        {
            await a.SubmitAcceptedAsync(scenario.Slug, scenario.Csv(good));
        }

        using (var b = factory.WithToken(scenario.B.Token))
        {
            await b.SubmitAcceptedAsync(scenario.Slug, scenario.Csv(weak));
        }

        var positions = scenario.Hidden.Split.PublicPositions;
        byte[] Public(byte[] all) => positions.Select(p => all[p]).ToArray();
        var expected = BoardTiers.Compute(Public(scenario.Hidden.Truth.Labels.ToArray()), [Public(good), Public(weak)], scenario.Hidden.Taxonomy.Count, 1000, 42);

        // Act
        using var anonymous = factory.Anonymous();
        var api = await anonymous.GetJsonAsync<ApiBoardIntervals>($"/api/v1/competitions/{scenario.Slug}/leaderboard/intervals");

        // Assert
        Assert.Equal("public", api.Board);
        Assert.Equal(2, api.Rows.Count);
        for (var i = 0; i < 2; i++)
        {
            Assert.Equal(expected.Rows[i].Score.Score, api.Rows[i].MacroF1, 12);
            Assert.Equal(expected.Rows[i].Score.Lower, api.Rows[i].Lower, 12);
            Assert.Equal(expected.Rows[i].Score.Upper, api.Rows[i].Upper, 12);
            Assert.Equal(expected.Rows[i].Tier, api.Rows[i].Tier);
        }

        Assert.Equal(scenario.A.Name, api.Rows[0].Team);
        Assert.Equal(TieredBoard.Rule, api.Rule);
    }

    [Fact]
    public async Task Intervals_ReadTwice_AreComputedOnceUntilTheBoardChanges()
    {
        // Arrange
        var scenario = await new ScenarioBuilder(factory).WithImages(30).BuildAsync();
        using var a = factory.WithToken(scenario.A.Token);
        await a.SubmitAcceptedAsync(scenario.Slug, scenario.Csv(scenario.Predict(0.8, 0.8)));
        var competition = (await factory.Services.GetRequiredService<CompetitionService>().FindAsync(scenario.Slug, new Viewer(null, IsHost: true), Ct))!;
        var intervals = factory.Services.GetRequiredService<BoardIntervalsService>();

        // Act
        var first = await intervals.GetAsync(competition, BoardKind.Public, Viewer.Anonymous, Ct);
        var second = await intervals.GetAsync(competition, BoardKind.Public, Viewer.Anonymous, Ct);
        await a.SubmitAcceptedAsync(scenario.Slug, scenario.Csv(scenario.Predict(0.9, 0.8)));
        var afterChange = await intervals.GetAsync(competition, BoardKind.Public, Viewer.Anonymous, Ct);

        // Assert
        Assert.Same(first, second);
        Assert.NotSame(first, afterChange);
        Assert.Single(afterChange.Rows);
        Assert.True(afterChange.Rows[0].MacroF1 > first.Rows[0].MacroF1);
    }

    [Fact]
    public async Task PrivateIntervals_ParticipantBeforeClose_Are403AndCarryNoNumbers()
    {
        // Arrange
        var scenario = await new ScenarioBuilder(factory).WithImages(30).BuildAsync();
        using var a = factory.WithToken(scenario.A.Token);
        await a.SubmitAcceptedAsync(scenario.Slug, scenario.Csv(scenario.Predict(0.8, 0.3)));

        // Act
        using var response = await a.GetPathAsync($"/api/v1/competitions/{scenario.Slug}/leaderboard/intervals?board=private");
        var body = await response.Content.ReadAsStringAsync(Ct);

        // Assert
        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        Assert.DoesNotContain("macroF1", body, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("lower", body, StringComparison.Ordinal);
    }
}
