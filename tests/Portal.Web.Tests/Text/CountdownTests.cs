using Portal.Web.Text;

namespace Portal.Web.Tests.Text;

public sealed class CountdownTests
{
    [Theory]
    [InlineData(0, "under a minute")]
    [InlineData(59, "under a minute")]
    [InlineData(60, "1 min")]
    [InlineData(12 * 60 + 59, "12 min")]
    [InlineData(60 * 60, "1 h")]
    [InlineData((5 * 60 + 12) * 60 + 30, "5 h 12 min")]
    [InlineData(24 * 3600, "1 day")]
    [InlineData((3 * 24 + 4) * 3600 + 59 * 60, "3 days 4 h")]
    [InlineData(-30, "under a minute")]
    public void Format_Span_ReadsAsTheTwoLargestUnitsRoundedDown(int seconds, string expected)
    {
        // Arrange
        var left = TimeSpan.FromSeconds(seconds);

        // Act
        var text = Countdown.Format(left);

        // Assert
        Assert.Equal(expected, text);
    }
}
