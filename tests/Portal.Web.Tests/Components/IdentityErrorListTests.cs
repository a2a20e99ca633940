using Bunit;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.DependencyInjection;
using Portal.Web.Components.Account;

namespace Portal.Web.Tests.Components;

/// <summary>The sign-up page's errors: password rules in plain words, from the options the app configured.</summary>
public sealed class IdentityErrorListTests : PortalComponentTest
{
    private static readonly IdentityErrorDescriber Describer = new();

    public IdentityErrorListTests()
    {
        Services.Configure<IdentityOptions>(o =>
        {
            o.Password.RequiredLength = 10;
            o.Password.RequireNonAlphanumeric = false;
        });
    }

    [Fact]
    public void IdentityErrorList_PasswordErrors_ShowsTheConfiguredRulesOnceNotIdentitysSentences()
    {
        // Arrange
        IdentityError[] errors = [Describer.PasswordTooShort(10), Describer.PasswordRequiresDigit(), Describer.PasswordRequiresUpper()];

        // Act
        var cut = Render<IdentityErrorList>(p => p.Add(c => c.Errors, errors).Add(c => c.TestId, "register-error"));

        // Assert
        var lines = cut.FindAll("[data-testid=register-error] div");
        var line = Assert.Single(lines);
        Assert.Equal("A password needs at least 10 characters, with an upper-case letter, a lower-case letter and a digit.", line.TextContent);
        Assert.DoesNotContain("Passwords must", cut.Markup, StringComparison.Ordinal);
    }

    [Fact]
    public void IdentityErrorList_NoErrors_RendersNothing()
    {
        // Arrange
        IdentityError[] errors = [];

        // Act
        var cut = Render<IdentityErrorList>(p => p.Add(c => c.Errors, errors).Add(c => c.TestId, "register-error"));

        // Assert
        Assert.Empty(cut.FindAll("[data-testid=register-error]"));
    }
}
