using Bunit;
using Portal.Application.Competitions;
using Portal.Web.Components.Shared;

namespace Portal.Web.Tests.Components;

/// <summary>The competition settings form shows and reads its times as ISO dates on a 24-hour UTC clock, never month/day.</summary>
public sealed class CompetitionSettingsFormTests : PortalComponentTest
{
    [Fact]
    public void CompetitionSettingsForm_Times_ShownAsIsoDateAnd24HourClockInUtc()
    {
        // Arrange: a day after the 12th and an afternoon hour, so month/day order and a 12-hour clock would both show.
        var settings = new CompetitionSettings
        {
            StartsAtUtc = new DateTime(2026, 11, 30, 23, 39, 0, DateTimeKind.Utc),
            EndsAtUtc = new DateTime(2027, 1, 15, 17, 5, 0, DateTimeKind.Utc),
        };

        // Act
        var cut = Render<CompetitionSettingsForm>(p => p.Add(c => c.Settings, settings));

        // Assert
        Assert.Equal("2026-11-30 23:39", cut.Find("input[data-testid=settings-starts]").GetAttribute("value"));
        Assert.Equal("2027-01-15 17:05", cut.Find("input[data-testid=settings-ends]").GetAttribute("value"));
        Assert.Contains("Starts (UTC)", cut.Markup, StringComparison.Ordinal);
        Assert.Contains("24-hour clock, UTC", cut.Markup, StringComparison.Ordinal);
    }

    [Fact]
    public void CompetitionSettingsForm_IsoTimeTyped_ReadsDayAndHourAsWritten()
    {
        // Arrange
        var settings = new CompetitionSettings();
        var cut = Render<CompetitionSettingsForm>(p => p.Add(c => c.Settings, settings));

        // Act
        cut.Find("input[data-testid=settings-ends]").Change("2026-12-03 18:30");

        // Assert
        Assert.Equal(new DateTime(2026, 12, 3, 18, 30, 0), settings.EndsAtUtc);
        Assert.Equal("2026-12-03 18:30", cut.Find("input[data-testid=settings-ends]").GetAttribute("value"));
    }
}
