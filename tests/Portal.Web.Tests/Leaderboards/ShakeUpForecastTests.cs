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
/// The shake-up forecast is ShakeUpForecaster's over the public images of the public board's rows, seeded (the same board
/// gives the same forecast), computed once per board change; the real moves show only with the private board.
/// </summary>
public sealed class ShakeUpForecastTests(PortalFactory factory) : IClassFixture<PortalFactory>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Forecast_TwoTeams_IsTheCoreForecastOnThePublicImagesReproducibleBySeed()
    {
        // Arrange
        var scenario = await new ScenarioBuilder(factory).WithImages(60).BuildAsync();
        var good = scenario.Predict(0.8, 0.6);
        var close = scenario.Predict(0.75, 0.9);
        using (var a = factory.WithToken(scenario.A.Token))
        {
            await a.SubmitAcceptedAsync(scenario.Slug, scenario.Csv(good));
        }

        using (var b = factory.WithToken(scenario.B.Token))
        {
            await b.SubmitAcceptedAsync(scenario.Slug, scenario.Csv(close));
        }

        var positions = scenario.Hidden.Split.PublicPositions;
        byte[] Public(byte[] all) => positions.Select(p => all[p]).ToArray();
        var expected = ShakeUpForecaster.Forecast(Public(scenario.Hidden.Truth.Labels.ToArray()), [Public(good), Public(close)],
            scenario.Hidden.Taxonomy.Count, scenario.Hidden.Truth.Count - positions.Length, 1000, 42, 0.9);

        // Act
        using var anonymous = factory.Anonymous();
        var first = await anonymous.GetJsonAsync<ApiForecast>($"/api/v1/competitions/{scenario.Slug}/leaderboard/forecast");
        var second = await anonymous.GetJsonAsync<ApiForecast>($"/api/v1/competitions/{scenario.Slug}/leaderboard/forecast");

        // Assert
        Assert.Equal(1000, first.Splits);
        Assert.Equal(42UL, first.Seed);
        Assert.Equal([scenario.A.Name, scenario.B.Name], first.Rows.Select(r => r.Team));
        for (var i = 0; i < 2; i++)
        {
            Assert.Equal(i + 1, first.Rows[i].PublicRank);
            Assert.Equal(expected.Rows[i].Lower, first.Rows[i].Lower);
            Assert.Equal(expected.Rows[i].Median, first.Rows[i].Median);
            Assert.Equal(expected.Rows[i].Upper, first.Rows[i].Upper);
            Assert.Null(first.Rows[i].PrivateRank);
        }

        Assert.Equal(first.Rows, second.Rows);
        Assert.Null(first.WithinShare);
    }

    [Fact]
    public async Task Forecast_ReadTwice_IsComputedOncePerBoardVersion()
    {
        // Arrange
        var scenario = await new ScenarioBuilder(factory).WithImages(30).BuildAsync();
        using var a = factory.WithToken(scenario.A.Token);
        using var b = factory.WithToken(scenario.B.Token);
        await a.SubmitAcceptedAsync(scenario.Slug, scenario.Csv(scenario.Predict(0.8, 0.8)));
        await b.SubmitAcceptedAsync(scenario.Slug, scenario.Csv(scenario.Predict(0.6, 0.8)));
        var competition = (await factory.Services.GetRequiredService<CompetitionService>().FindAsync(scenario.Slug, new Viewer(null, IsHost: true), Ct))!;
        var forecasts = factory.Services.GetRequiredService<ShakeUpForecastService>();

        // Act
        var first = await forecasts.GetAsync(competition, Viewer.Anonymous, Ct);
        var second = await forecasts.GetAsync(competition, Viewer.Anonymous, Ct);
        await b.SubmitAcceptedAsync(scenario.Slug, scenario.Csv(scenario.Predict(0.9, 0.8)));
        var afterChange = await forecasts.GetAsync(competition, Viewer.Anonymous, Ct);

        // Assert
        Assert.Same(first, second);
        Assert.NotSame(first, afterChange);
        Assert.Equal(scenario.B.Name, afterChange.Rows[0].TeamName);
    }

    [Fact]
    public async Task Forecast_AfterClose_ShowsTheRealMovesBesideTheForecast()
    {
        // Arrange: A leads the public board, B the private one.
        var scenario = await new ScenarioBuilder(factory).WithImages(60).BuildAsync();
        using var a = factory.WithToken(scenario.A.Token);
        using var b = factory.WithToken(scenario.B.Token);
        await a.SubmitAcceptedAsync(scenario.Slug, scenario.Csv(scenario.Predict(0.9, 0.4)));
        await b.SubmitAcceptedAsync(scenario.Slug, scenario.Csv(scenario.Predict(0.6, 0.95)));
        var before = await a.GetJsonAsync<ApiForecast>($"/api/v1/competitions/{scenario.Slug}/leaderboard/forecast");

        // Act
        await factory.Services.GetRequiredService<CompetitionService>().CloseAsync(scenario.CompetitionId, Ct);
        var after = await a.GetJsonAsync<ApiForecast>($"/api/v1/competitions/{scenario.Slug}/leaderboard/forecast");

        // Assert
        Assert.All(before.Rows, r => Assert.Null(r.PrivateRank));
        Assert.Equal([2, 1], after.Rows.Select(r => r.PrivateRank));
        Assert.Equal([-1, 1], after.Rows.Select(r => r.Move));
        Assert.NotNull(after.WithinShare);
        Assert.Equal(before.Rows.Select(r => (r.Lower, r.Upper)), after.Rows.Select(r => (r.Lower, r.Upper)));
    }

    [Fact]
    public async Task Forecast_UnknownCompetition_Is404()
    {
        // Arrange
        using var anonymous = factory.Anonymous();

        // Act
        using var response = await anonymous.GetPathAsync("/api/v1/competitions/no-such-thing/leaderboard/forecast");

        // Assert
        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
    }
}
