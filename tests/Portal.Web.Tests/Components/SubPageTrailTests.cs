using Bunit;
using Portal.Web.Components.Shared;

namespace Portal.Web.Tests.Components;

/// <summary>
/// A page reached from a tab (the ensemble builder and Compare from Submissions, the label audit from the Leaderboard)
/// keeps that tab highlighted and says so with a trail back to it; a tab's own page has no trail.
/// </summary>
public sealed class SubPageTrailTests : PortalComponentTest
{
    [Theory]
    [InlineData("submissions", "Ensemble builder", "Submissions", "c/masks/submissions")]
    [InlineData("submissions", "Compare", "Submissions", "c/masks/submissions")]
    [InlineData("leaderboard", "Label audit", "Leaderboard", "c/masks/leaderboard")]
    public void SubPage_ShowsItsTabAsALinkBackAndItsOwnTitle(string tab, string title, string tabName, string href)
    {
        // Act
        var cut = Render<SubPageTrail>(p => p.Add(c => c.Slug, "masks").Add(c => c.Tab, tab).Add(c => c.Title, title));

        // Assert
        var trail = cut.Find("[data-testid=sub-page-trail]");
        var link = trail.QuerySelector("a")!;
        Assert.Equal(tabName, link.TextContent.Trim());
        Assert.Equal(href, link.GetAttribute("href"));
        Assert.Contains(title, trail.TextContent, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("", "Overview")]
    [InlineData("submissions", "Submissions")]
    [InlineData("leaderboard", "Leaderboard")]
    [InlineData("team", "Team")]
    public void TabsOwnPage_HasNoTrail(string tab, string title)
    {
        // Act
        var cut = Render<SubPageTrail>(p => p.Add(c => c.Slug, "masks").Add(c => c.Tab, tab).Add(c => c.Title, title));

        // Assert
        Assert.Empty(cut.FindAll("[data-testid=sub-page-trail]"));
    }
}
