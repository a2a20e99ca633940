using System.Net;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.DependencyInjection;
using Portal.Data.Entities;
using Portal.Application.Access;
using Portal.Web.Tests.Support;

namespace Portal.Web.Tests.Accounts;

/// <summary>Signing up through the form makes a signed-in participant.</summary>
[AlsoOnPostgres]
public sealed class RegistrationTests(PortalFactory factory) : IClassFixture<PortalFactory>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Theory]
    [InlineData("Ada Student", "ada@students.test", "Ada Student")]
    [InlineData("Bob\u202Egnp.exe", "bob@students.test", "Bobgnp.exe")]
    public async Task Register_ThroughTheForm_CreatesAParticipantAndSignsIn(string displayName, string email, string stored)
    {
        // Arrange
        var client = factory.Anonymous();
        var form = await client.GetStringAsync(new Uri("/Account/Register", UriKind.Relative), Ct);
        var fields = new Dictionary<string, string>
        {
            ["__RequestVerificationToken"] = PortalHttp.HiddenInput(form, "__RequestVerificationToken"),
            ["_handler"] = PortalHttp.HiddenInput(form, "_handler"),
            ["Input.DisplayName"] = displayName,
            ["Input.Email"] = email,
            ["Input.Password"] = "Ada-password-1",
        };

        // Act
        using var response = await client.PostAsync(new Uri("/Account/Register", UriKind.Relative), new FormUrlEncodedContent(fields), Ct);

        // Assert
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Contains(response.Headers, h => h.Key == "Set-Cookie");
        await using var scope = factory.Services.CreateAsyncScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<PortalUser>>();
        var user = await users.FindByEmailAsync(email);
        Assert.NotNull(user);
        // A display name keeps no bidirectional controls, so it cannot spoof a file name on the Team page.
        Assert.Equal(stored, user.DisplayName);
        Assert.True(await users.IsInRoleAsync(user, Viewer.ParticipantRole));
        Assert.False(await users.IsInRoleAsync(user, Viewer.HostRole));
    }

    [Fact]
    public async Task Register_ThenAnyPage_HeaderShowsTheDisplayName()
    {
        // Arrange
        var client = factory.Anonymous();
        using var registered = await RegisterAsync(client, "Grace Hopper", $"grace-{Guid.NewGuid():N}@students.test", "Grace-password-1");

        // Act
        var page = await client.GetStringAsync(new Uri("/", UriKind.Relative), Ct);

        // Assert
        Assert.Equal(HttpStatusCode.Redirect, registered.StatusCode);
        Assert.Matches("data-testid=\"signed-in-as\"[^>]*>Grace Hopper<", page);
    }

    [Fact]
    public async Task Register_WeakPassword_ShowsTheRulesInOneSentence()
    {
        // Arrange
        var client = factory.Anonymous();

        // Act
        using var response = await RegisterAsync(client, "Alan", $"alan-{Guid.NewGuid():N}@students.test", "short");

        // Assert
        var page = await response.Content.ReadAsStringAsync(Ct);
        Assert.Contains("A password needs at least 8 characters, with an upper-case letter, a lower-case letter and a digit.", page, StringComparison.Ordinal);
        Assert.DoesNotContain("Passwords must", page, StringComparison.Ordinal);
    }

    private static async Task<HttpResponseMessage> RegisterAsync(HttpClient client, string displayName, string email, string password)
    {
        var form = await client.GetStringAsync(new Uri("/Account/Register", UriKind.Relative), Ct);
        var fields = new Dictionary<string, string>
        {
            ["__RequestVerificationToken"] = PortalHttp.HiddenInput(form, "__RequestVerificationToken"),
            ["_handler"] = PortalHttp.HiddenInput(form, "_handler"),
            ["Input.DisplayName"] = displayName,
            ["Input.Email"] = email,
            ["Input.Password"] = password,
        };
        return await client.PostAsync(new Uri("/Account/Register", UriKind.Relative), new FormUrlEncodedContent(fields), Ct);
    }
}
