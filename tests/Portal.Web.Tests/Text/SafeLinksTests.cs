using Portal.Web.Text;

namespace Portal.Web.Tests.Text;

public sealed class SafeLinksTests
{
    [Theory]
    [InlineData("https://example.org")]
    [InlineData("http://example.org/a?b=c")]
    [InlineData("HTTPS://EXAMPLE.ORG")]
    [InlineData("mailto:host@example.org")]
    [InlineData("c/mask-demo")]
    [InlineData("/c/mask-demo?a=1:2")]
    [InlineData("#rules")]
    [InlineData("?board=private")]
    [InlineData("//example.org/cdn.png")]
    [InlineData("")]
    [InlineData(null)]
    public void IsAllowed_HttpMailtoOrRelative_True(string? url) => Assert.True(SafeLinks.IsAllowed(url));

    [Theory]
    [InlineData("javascript:alert(1)")]
    [InlineData("JaVaScRiPt:alert(1)")]
    [InlineData(" javascript:alert(1)")]
    [InlineData("java\tscript:alert(1)")]
    [InlineData("java\nscript:alert(1)")]
    [InlineData("\u0001javascript:alert(1)")]
    [InlineData("vbscript:msgbox(1)")]
    [InlineData("data:text/html,<script>alert(1)</script>")]
    [InlineData("file:///etc/passwd")]
    [InlineData("tel:+123")]
    public void IsAllowed_OtherScheme_False(string url) => Assert.False(SafeLinks.IsAllowed(url));
}
