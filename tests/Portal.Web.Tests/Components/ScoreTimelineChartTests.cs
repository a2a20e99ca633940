using Bunit;
using Portal.Application.Leaderboards;
using Portal.Web.Components.Shared.Charts;

namespace Portal.Web.Tests.Components;

/// <summary>The leaderboard's score-over-time chart: round axis, steps held to the end, a padded time axis.</summary>
public sealed class ScoreTimelineChartTests : PortalComponentTest
{
    private static readonly DateTime Start = new(2026, 11, 20, 0, 0, 0, DateTimeKind.Utc);

    [Fact]
    public void ScoreRange_LowestScoreNotRound_StartsAtTheRoundValueBelow()
    {
        // Act
        var (low, high) = ScoreTimelineChart.ScoreRange([0.3448, 0.8913]);

        // Assert
        Assert.Equal(0.3, low);
        Assert.Equal(0.9, high);
    }

    [Fact]
    public void ScoreRange_PerfectScoreOnly_LeavesAStepBelow()
    {
        // Act
        var (low, high) = ScoreTimelineChart.ScoreRange([1.0]);

        // Assert
        Assert.Equal(0.95, low);
        Assert.Equal(1.0, high);
    }

    [Fact]
    public void TimeRange_EverythingAtOneInstant_NothingOnTheEdge()
    {
        // Act
        var (from, until) = ScoreTimelineChart.TimeRange(Start, Start);

        // Assert
        Assert.Equal(Start.AddHours(-1), from);
        Assert.Equal(Start.AddHours(1), until);
    }

    [Fact]
    public void Render_OneEntryTeam_DrawsAStepLineToTheEndAndARoundAxis()
    {
        // Arrange
        var timeline = new ScoreTimeline(BoardKind.Public, [new ScoreTimelineSeries("Owls", [(Start.AddDays(1), 0.3448)])], Start, Start.AddDays(5));

        // Act
        var cut = Render<ScoreTimelineChart>(p => p.Add(c => c.Timeline, timeline));

        // Assert
        var options = ChartOptionsJson.Last(JSInterop);
        var series = options.GetProperty("series")[0];
        Assert.Equal("end", series.GetProperty("step").GetString());
        var data = series.GetProperty("data");
        Assert.Equal(2, data.GetArrayLength());
        Assert.Equal(new DateTimeOffset(Start.AddDays(5)).ToUnixTimeMilliseconds(), data[1].GetProperty("value")[0].GetDouble());
        Assert.Equal(0.3448, data[1].GetProperty("value")[1].GetDouble());
        Assert.Equal(0.3, options.GetProperty("yAxis").GetProperty("min").GetDouble());
        Assert.Equal("middle", options.GetProperty("yAxis").GetProperty("nameLocation").GetString());
        Assert.Contains("svg", ChartOptionsJson.InitOptions(JSInterop), StringComparison.Ordinal);
        Assert.Equal("public", cut.Find("[data-testid=score-timeline]").GetAttribute("data-board"));
    }
}
