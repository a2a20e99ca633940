using Bunit;
using Microsoft.AspNetCore.Components;
using Portal.Web.Components.Shared;

namespace Portal.Web.Tests.Components;

/// <summary>The sentence an empty table shows in place of its rows.</summary>
public sealed class EmptyRowTests : PortalComponentTest
{
    [Fact]
    public void EmptyRow_InATable_SpansEveryColumnWithItsSentence()
    {
        // Arrange
        RenderFragment sentence = b => b.AddContent(0, "No team yet.");

        // Act
        var cut = Render<EmptyRow>(p => p.Add(c => c.Columns, 6).Add(c => c.TestId, "teams-empty").Add(c => c.ChildContent, sentence));

        // Assert
        var cell = cut.Find("tr > td[data-testid=teams-empty]");
        Assert.Equal("6", cell.GetAttribute("colspan"));
        Assert.Equal("No team yet.", cell.TextContent);
    }
}
