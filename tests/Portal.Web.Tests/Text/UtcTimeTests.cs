using Portal.Web.Text;

namespace Portal.Web.Tests.Text;

/// <summary>Times on every screen carry the year, a 24-hour clock and the zone, never month/day.</summary>
public sealed class UtcTimeTests
{
    private static readonly DateTime Evening = new(2026, 11, 30, 23, 39, 47, DateTimeKind.Utc);

    [Fact]
    public void Format_Time_IsIsoWithSecondsAndZone()
    {
        // Act
        var text = UtcTime.Format(Evening);

        // Assert
        Assert.Equal("2026-11-30 23:39:47 UTC", text);
    }

    [Fact]
    public void FormatMinutes_Time_IsIsoToTheMinuteWithZone()
    {
        // Act
        var text = UtcTime.FormatMinutes(Evening);

        // Assert
        Assert.Equal("2026-11-30 23:39 UTC", text);
    }

    [Fact]
    public void FormatDate_Time_IsTheIsoDay()
    {
        // Act
        var text = UtcTime.FormatDate(Evening);

        // Assert
        Assert.Equal("2026-11-30", text);
    }

    [Fact]
    public void Format_None_IsADash()
    {
        // Act + Assert
        Assert.Equal("–", UtcTime.Format(null));
        Assert.Equal("–", UtcTime.FormatMinutes(null));
        Assert.Equal("–", UtcTime.FormatDate(null));
    }
}
