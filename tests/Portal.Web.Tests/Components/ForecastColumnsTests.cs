using Bunit;
using Portal.Application.Leaderboards;
using Portal.Core.Scoring;
using Portal.Web.Components.Shared;

namespace Portal.Web.Tests.Components;

/// <summary>The board's forecast columns: each ranked team's range; after close, the real private rank and move beside it.</summary>
public sealed class ForecastColumnsTests : PortalComponentTest
{
    private static readonly DateTime At = new(2025, 3, 1, 9, 30, 0, DateTimeKind.Utc);

    private static readonly LeaderboardRow[] Rows =
    [
        new(1, TeamId: 10, "Owls", IsBaseline: false, SubmissionId: 1, At, 0.9, Entries: 4),
        new(null, TeamId: 11, "Host baseline", IsBaseline: true, SubmissionId: 2, At, 0.85, Entries: 1),
        new(2, TeamId: 12, "Foxes", IsBaseline: false, SubmissionId: 3, At, 0.8, Entries: 2),
    ];

    [Fact]
    public void LeaderboardTable_Forecast_ShowsEachRankedTeamsRangeAndNothingForBaselines()
    {
        // Arrange
        var forecast = new BoardForecast([new(1, 10, "Owls", 1, 1, 1, 2), new(3, 12, "Foxes", 2, 1, 2, 2)], 1000, 42, 0.9);
        var cut = Render<LeaderboardTable>(p => p.Add(c => c.Rows, Rows).Add(c => c.Forecast, forecast));

        // Act
        var cells = cut.FindAll("[data-testid=team-forecast]").Select(c => c.TextContent.Trim()).ToList();

        // Assert
        Assert.Equal(["1–2", "", "1–2"], cells);
        Assert.Empty(cut.FindAll("[data-testid=team-private-move]"));
    }

    [Fact]
    public void LeaderboardTable_ReviewedForecast_ShowsTheRealMoveBesideTheRange()
    {
        // Arrange
        var forecast = new BoardForecast(
            [new(1, 10, "Owls", 1, 1, 1, 1, PrivateRank: 2, Move: -1, WithinForecast: false), new(3, 12, "Foxes", 2, 1, 2, 2, PrivateRank: 1, Move: 1, WithinForecast: true)],
            1000, 42, 0.9, WithinShare: 0.5, KendallTau: -1);
        var cut = Render<LeaderboardTable>(p => p.Add(c => c.Rows, Rows).Add(c => c.Forecast, forecast));

        // Act
        var moves = cut.FindAll("[data-testid=team-private-move]").Select(c => c.TextContent.Trim()).ToList();

        // Assert
        Assert.Equal(["2 (▼ 1) outside the forecast", "", "1 (▲ 1)"], moves);
        Assert.Equal("1", cut.FindAll("[data-testid=team-forecast]")[0].TextContent.Trim());
    }
}
