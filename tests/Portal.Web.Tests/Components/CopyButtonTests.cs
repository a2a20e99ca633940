using Bunit;
using Microsoft.AspNetCore.Components.Web;
using Microsoft.Extensions.DependencyInjection;
using MudBlazor;
using Portal.Web.Components.Shared;

namespace Portal.Web.Tests.Components;

/// <summary>The copy button beside a token or an invite code: it asks assets/clipboard.js to copy, and says what happened.</summary>
public sealed class CopyButtonTests : PortalComponentTest
{
    private ISnackbar Snackbar => Services.GetRequiredService<ISnackbar>();

    [Fact]
    public async Task CopyButton_Click_CopiesTheTextAndSaysCopied()
    {
        // Arrange
        var copy = JSInterop.Setup<bool>("portalClipboard.copy", "K7Q2-ZX9P");
        copy.SetResult(true);
        var cut = Render<CopyButton>(p => p.Add(c => c.Text, "K7Q2-ZX9P").Add(c => c.What, "the invite code").Add(c => c.TestId, "copy"));

        // Act
        await cut.Find("[data-testid=copy]").ClickAsync(new MouseEventArgs());

        // Assert
        Assert.Single(copy.Invocations);
        var shown = Assert.Single(Snackbar.ShownSnackbars);
        Assert.Equal("Copied the invite code.", shown.Message);
        Assert.Equal(Severity.Success, shown.Severity);
    }

    [Fact]
    public async Task CopyButton_BrowserRefuses_SaysToCopyByHand()
    {
        // Arrange
        JSInterop.Setup<bool>("portalClipboard.copy", "pt_secret").SetResult(false);
        var cut = Render<CopyButton>(p => p.Add(c => c.Text, "pt_secret").Add(c => c.What, "the API token").Add(c => c.TestId, "copy"));

        // Act
        await cut.Find("[data-testid=copy]").ClickAsync(new MouseEventArgs());

        // Assert
        var shown = Assert.Single(Snackbar.ShownSnackbars);
        Assert.Equal("The browser did not allow copying; select the API token and copy it by hand.", shown.Message);
        Assert.Equal(Severity.Warning, shown.Severity);
    }
}
