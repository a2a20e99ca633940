using System.Security.Claims;
using Bunit;
using Bunit.TestDoubles;
using Microsoft.AspNetCore.Components;
using Portal.Web.Components.Layout;
using Portal.Web.Hosting;

namespace Portal.Web.Tests.Components;

/// <summary>The header's user menu.</summary>
public sealed class MainLayoutTests : PortalComponentTest
{
    private readonly BunitAuthorizationContext _auth;

    public MainLayoutTests()
    {
        _auth = AddAuthorization();
        SetRendererInfo(new RendererInfo("Server", isInteractive: true));
    }

    [Fact]
    public void MainLayout_SignedIn_GreetsByDisplayNameNotEmail()
    {
        // Arrange
        _auth.SetAuthorized("ada@students.test").SetClaims(new Claim(PortalClaimsPrincipalFactory.DisplayNameClaim, "Ada Student"));

        // Act
        var cut = Render<MainLayout>(p => p.Add(c => c.Body, (RenderFragment)(b => b.AddContent(0, "page"))));

        // Assert
        var name = cut.Find("[data-testid=signed-in-as]");
        Assert.Equal("Ada Student", name.TextContent.Trim());
        Assert.Equal("ada@students.test", name.GetAttribute("title"));
    }

    [Fact]
    public void MainLayout_CookieWithoutDisplayName_FallsBackToTheEmail()
    {
        // Arrange
        _auth.SetAuthorized("ada@students.test");

        // Act
        var cut = Render<MainLayout>(p => p.Add(c => c.Body, (RenderFragment)(b => b.AddContent(0, "page"))));

        // Assert
        Assert.Equal("ada@students.test", cut.Find("[data-testid=signed-in-as]").TextContent.Trim());
    }
}
