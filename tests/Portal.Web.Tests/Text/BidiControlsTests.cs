using Portal.Application.Text;

namespace Portal.Web.Tests.Text;

public sealed class BidiControlsTests
{
    [Theory]
    [InlineData("report\u202Evsc.exe", "reportvsc.exe")]
    [InlineData("\u202Aa\u202Bb\u202Cc\u202Dd\u202Ee", "abcde")]
    [InlineData("\u2066a\u2067b\u2068c\u2069", "abc")]
    [InlineData("\u200Eleft\u200Fright\u061C", "leftright")]
    public void Strip_BidiControls_RemovesThem(string text, string expected) => Assert.Equal(expected, BidiControls.Strip(text));

    [Theory]
    [InlineData("Team A")]
    [InlineData("팀 마스크")]
    [InlineData("فريق")]
    [InlineData("zero\u200Bwidth")]
    [InlineData("")]
    public void Strip_NoBidiControls_KeepsTheText(string text) => Assert.Equal(text, BidiControls.Strip(text));

    [Fact]
    public void Strip_Null_Empty() => Assert.Equal("", BidiControls.Strip(null));
}
