using Bunit;
using Portal.Web.Components.Shared;

namespace Portal.Web.Tests.Components;

/// <summary>A competition's description is Markdown shown to every visitor: it may link and format, never run script.</summary>
public sealed class MarkdownViewTests : PortalComponentTest
{
    private static readonly string[] DangerousSchemes = ["javascript:", "vbscript:", "data:"];

    public static TheoryData<string> ScriptLinks => new()
    {
        "[click](javascript:alert(1))",
        "[click](JaVaScRiPt:alert(1))",
        "[click](java&#x09;script:alert(1))",
        "[click](java&#x0A;script:alert(1))",
        "[click](&#106;avascript:alert(1))",
        "[click](javascript&colon;alert(1))",
        "[click](<javascript:alert(1)>)",
        "[click](vbscript:msgbox(1))",
        "[click](data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==)",
        "[click][target]\n\n[target]: javascript:alert(1)",
        "![click](javascript:alert(1))",
        "![click](data:image/svg+xml;base64,PHN2ZyBvbmxvYWQ9YWxlcnQoMSk+)",
        "[![click](javascript:alert(1))](javascript:alert(2))",
        "<javascript:alert(1)> click",
        // A tester's bypass: an autolink together with a refused reference link.
        "<javascript:alert(9)> [click][r]\n\n[r]: javascript:y",
        "<a href=\"javascript:alert(1)\">click</a>",
        "<script>alert(1)</script> click",
        "<img src=x onerror=alert(1)> click",
        "[click](https://example.org){onclick=\"alert(1)\"}",
        "# click {onmouseover=alert(1)}",
    };

    [Theory]
    [MemberData(nameof(ScriptLinks))]
    public void MarkdownView_ScriptPayload_RendersNoScriptLinkAndKeepsText(string markdown)
    {
        // Arrange
        var cut = Render<MarkdownView>(p => p.Add(c => c.Text, markdown));

        // Act
        var elements = cut.Find(".portal-markdown").QuerySelectorAll("*").ToList();

        // Assert
        Assert.DoesNotContain(elements, e => e.LocalName is "script" or "iframe" or "object" or "embed");
        foreach (var element in elements)
        {
            foreach (var attribute in element.Attributes)
            {
                Assert.False(attribute.LocalName.StartsWith("on", StringComparison.OrdinalIgnoreCase), $"<{element.LocalName}> has the handler {attribute.LocalName}.");
                var value = string.Concat(attribute.Value.Where(c => c > ' ')).ToLowerInvariant();
                Assert.DoesNotContain(DangerousSchemes, s => value.StartsWith(s, StringComparison.Ordinal));
            }
        }

        Assert.Contains("click", cut.Find(".portal-markdown").TextContent, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("[rules](https://example.org/rules)", "https://example.org/rules")]
    [InlineData("[site](HTTP://example.org)", "HTTP://example.org")]
    [InlineData("[write](mailto:host@example.org)", "mailto:host@example.org")]
    [InlineData("[board](c/mask-demo/leaderboard)", "c/mask-demo/leaderboard")]
    [InlineData("[board](/c/mask-demo/leaderboard?board=public)", "/c/mask-demo/leaderboard?board=public")]
    [InlineData("[below](#rules)", "#rules")]
    [InlineData("<https://example.org/data>", "https://example.org/data")]
    [InlineData("see www.example.org", "http://www.example.org")]
    public void MarkdownView_SafeLink_RendersTheLink(string markdown, string href)
    {
        // Arrange
        var cut = Render<MarkdownView>(p => p.Add(c => c.Text, markdown));

        // Act
        var link = cut.Find(".portal-markdown a");

        // Assert
        Assert.Equal(href, link.GetAttribute("href"));
    }

    [Fact]
    public void MarkdownView_ImageWithHttpsSource_KeepsTheImage()
    {
        // Arrange
        var cut = Render<MarkdownView>(p => p.Add(c => c.Text, "![example faces](https://example.org/faces.png)"));

        // Act
        var image = cut.Find(".portal-markdown img");

        // Assert
        Assert.Equal("https://example.org/faces.png", image.GetAttribute("src"));
        Assert.Equal("example faces", image.GetAttribute("alt"));
    }
}
