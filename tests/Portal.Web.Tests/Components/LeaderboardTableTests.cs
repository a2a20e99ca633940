using System.Globalization;
using Bunit;
using Portal.Core.Scoring;
using Portal.Web.Components.Shared;

namespace Portal.Web.Tests.Components;

public sealed class LeaderboardTableTests : PortalComponentTest
{
    private static readonly DateTime At = new(2025, 3, 1, 9, 30, 0, DateTimeKind.Utc);

    private static readonly LeaderboardRow[] Rows =
    [
        new(1, TeamId: 10, "Owls", IsBaseline: false, SubmissionId: 1, At, 0.91234567, Entries: 4, RankChange: 2),
        new(null, TeamId: 11, "Host baseline", IsBaseline: true, SubmissionId: 2, At, 0.85, Entries: 1),
        new(2, TeamId: 12, "Foxes", IsBaseline: false, SubmissionId: 3, At, 0.8, Entries: 2, RankChange: -1),
        new(3, TeamId: 13, "Bears", IsBaseline: false, SubmissionId: 4, At, 0.123449, Entries: 1, RankChange: 0),
        new(4, TeamId: 14, "Newts", IsBaseline: false, SubmissionId: 5, At, 0.1, Entries: 1, RankChange: null),
    ];

    [Fact]
    public void LeaderboardTable_RankedRows_ShowsRanksTeamsAndScoresToFourDecimals()
    {
        // Arrange
        var cut = Render<LeaderboardTable>(p => p.Add(c => c.Rows, Rows));

        // Act
        var rows = cut.FindAll("[data-testid=leaderboard-row]");

        // Assert
        Assert.Equal(5, rows.Count);
        Assert.Equal(["1", "", "2", "3", "4"], rows.Select(r => r.QuerySelector("td")!.TextContent.Trim()));
        Assert.Equal(["0.9123", "0.8500", "0.8000", "0.1234", "0.1000"], cut.FindAll("[data-testid=team-score]").Select(s => s.TextContent.Trim()));
        Assert.StartsWith("Owls", cut.FindAll("[data-testid=team-name]")[0].TextContent.Trim(), StringComparison.Ordinal);
        Assert.Empty(cut.FindAll("[data-testid=rank-change]"));
    }

    [Fact]
    public void LeaderboardTable_BaselineRow_IsMarkedAndUnranked()
    {
        // Arrange
        var cut = Render<LeaderboardTable>(p => p.Add(c => c.Rows, Rows));

        // Act
        var baseline = cut.FindAll("[data-testid=leaderboard-row]")[1];

        // Assert
        Assert.Contains("portal-baseline", baseline.ClassName, StringComparison.Ordinal);
        Assert.Equal("", baseline.QuerySelector("td")!.TextContent.Trim());
        Assert.Contains("baseline", baseline.QuerySelector("[data-testid=team-name]")!.TextContent, StringComparison.Ordinal);
        Assert.DoesNotContain("baseline", cut.FindAll("[data-testid=team-name]")[0].TextContent, StringComparison.Ordinal);
    }

    [Fact]
    public void LeaderboardTable_PrivateBoard_ShowsRankChangeArrows()
    {
        // Arrange
        var cut = Render<LeaderboardTable>(p => p.Add(c => c.Rows, Rows).Add(c => c.ShowRankChange, true));

        // Act
        var changes = cut.FindAll("[data-testid=rank-change]").Select(c => c.TextContent.Trim()).ToList();

        // Assert
        // A baseline is not ranked, so it has no move; a team without a public rank is new.
        Assert.Equal(["▲ 2", "", "▼ 1", "=", "new"], changes);
    }

    [Fact]
    public void LeaderboardTable_HighlightedTeam_MarksOnlyItsRow()
    {
        // Arrange
        var cut = Render<LeaderboardTable>(p => p.Add(c => c.Rows, Rows).Add(c => c.HighlightTeamId, 12));

        // Act
        var mine = cut.FindAll("tr.portal-mine");

        // Assert
        var row = Assert.Single(mine);
        Assert.StartsWith("Foxes", row.QuerySelector("[data-testid=team-name]")!.TextContent.Trim(), StringComparison.Ordinal);
    }

    [Fact]
    public void LeaderboardTable_NoRows_SaysSo()
    {
        // Arrange
        var cut = Render<LeaderboardTable>(p => p.Add(c => c.Rows, []));

        // Act
        var empty = cut.Find("[data-testid=leaderboard-empty]");

        // Assert
        Assert.Equal("No scored submissions yet.", empty.TextContent.Trim());
        Assert.Empty(cut.FindAll("[data-testid=leaderboard]"));
    }

    [Fact]
    public void LeaderboardTable_WithIntervals_ShowsEachRowsIntervalAndBandAndMarksWhereABandStarts()
    {
        // Arrange: Owls and the baseline tied in band 1, Foxes tied too, Bears start band 2; Newts have no interval.
        var intervals = new Portal.Application.Leaderboards.BoardIntervals(Portal.Application.Leaderboards.BoardKind.Public,
        [
            new(1, 0.9123, 0.90111, 0.92345, 1, StartsTier: true),
            new(2, 0.85, 0.84, 0.86, 1, StartsTier: false),
            new(3, 0.8, 0.79, 0.81, 1, StartsTier: false),
            new(4, 0.1234, 0.11, 0.135, 2, StartsTier: true),
        ], 1000, 42);

        // Act
        var cut = Render<LeaderboardTable>(p => p.Add(c => c.Rows, Rows).Add(c => c.Intervals, intervals));

        // Assert
        Assert.Equal(["[0.9011, 0.9235]", "[0.8400, 0.8600]", "[0.7900, 0.8100]", "[0.1100, 0.1350]", ""],
            cut.FindAll("[data-testid=team-interval]").Select(c => c.TextContent.Trim()));
        Assert.Equal(["1", "1 (tied)", "1 (tied)", "2", ""], cut.FindAll("[data-testid=team-tier]").Select(c => c.TextContent.Trim()));
        var rows = cut.FindAll("[data-testid=leaderboard-row]");
        Assert.Contains("portal-tier-start", rows[3].ClassName, StringComparison.Ordinal);
        Assert.DoesNotContain("portal-tier-start", rows[0].ClassName ?? "", StringComparison.Ordinal);
    }

    [Fact]
    public void LeaderboardTable_WithoutIntervals_HasNoIntervalColumn()
    {
        var cut = Render<LeaderboardTable>(p => p.Add(c => c.Rows, Rows));

        Assert.Empty(cut.FindAll("[data-testid=team-interval]"));
    }

    [Fact]
    public void LeaderboardTable_UnderACultureWithAnotherTimeSeparator_ShowsTheIsoTimeInUtc()
    {
        // Arrange: the app runs with invariant globalization, so no real culture (fi-FI writes 14.05) can be made here;
        // a copy of the invariant culture with Finnish separators fails any time formatted with the current culture.
        var finnishLike = (CultureInfo)CultureInfo.InvariantCulture.Clone();
        finnishLike.DateTimeFormat.TimeSeparator = ".";
        finnishLike.DateTimeFormat.DateSeparator = ".";
        finnishLike.NumberFormat.NumberDecimalSeparator = ",";
        var submitted = new DateTime(2026, 12, 1, 14, 5, 0, DateTimeKind.Utc);
        LeaderboardRow[] rows = [new(1, TeamId: 10, "Owls", IsBaseline: false, SubmissionId: 1, submitted, 0.9, Entries: 1)];
        var before = CultureInfo.CurrentCulture;
        CultureInfo.CurrentCulture = finnishLike;
        try
        {
            // Act
            var cut = Render<LeaderboardTable>(p => p.Add(c => c.Rows, rows));

            // Assert
            Assert.Equal("2026-12-01 14:05 UTC", cut.Find("[data-testid=team-submitted-at]").TextContent.Trim());
        }
        finally
        {
            CultureInfo.CurrentCulture = before;
        }
    }
}
