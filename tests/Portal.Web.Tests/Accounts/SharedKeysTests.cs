using System.Net;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.Mvc.Testing.Handlers;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Portal.Web.Hosting;
using Portal.Web.Tests.Support;

namespace Portal.Web.Tests.Accounts;

/// <summary>
/// The data-protection keys live in the database: a login form (its antiforgery token) served by one instance is
/// accepted by another, and the sign-in cookie either issues is valid on both, though each runs on a machine of its
/// own (its own data folder); and keys an earlier Portal kept in its keys/ folder still read what they protected.
/// </summary>
[AlsoOnPostgres]
public sealed class SharedKeysTests : IDisposable
{
    // The purposes ASP.NET Core's cookie authentication protects Identity's sign-in cookie with.
    private static readonly string[] SignInCookiePurposes =
        ["Microsoft.AspNetCore.Authentication.Cookies.CookieAuthenticationMiddleware", "Identity.Application", "v2"];

    private static readonly Uri Balancer = new("http://localhost");

    private readonly PortalStore _store = PortalStore.Create();

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public void Dispose() => _store.Dispose();

    [Fact]
    public async Task SignIn_FormOfOneInstancePostedToAnother_CookieValidOnBoth()
    {
        // Arrange: two instances over one database, each with its own data folder; one browser (one cookie jar) for both.
        using var otherMachine = _store.OtherMachine();
        await using var first = PortalFactory.Over(_store, runWorker: false);
        await using var second = PortalFactory.Over(otherMachine, runWorker: false);
        var cookies = new CookieContainer();
        using var toFirst = first.CreateDefaultClient(Balancer, new CookieContainerHandler(cookies));
        using var toSecond = second.CreateDefaultClient(Balancer, new CookieContainerHandler(cookies));
        using var stranger = first.Anonymous();

        // Act: the form (and its antiforgery token) comes from the first; the second checks it and signs in.
        await PortalHttp.SignInAsync(toFirst, toSecond, PortalFactory.HostEmail, PortalFactory.HostPassword);
        using var onFirst = await toFirst.GetPathAsync("/admin");
        using var onSecond = await toSecond.GetPathAsync("/admin");
        using var withoutCookie = await stranger.GetPathAsync("/admin");

        // Assert
        Assert.Equal(HttpStatusCode.OK, onFirst.StatusCode);
        Assert.Equal(HttpStatusCode.OK, onSecond.StatusCode);
        Assert.Contains("data-testid=\"admin-competitions\"", await onFirst.Content.ReadAsStringAsync(Ct), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Redirect, withoutCookie.StatusCode);
    }

    [Fact]
    public async Task Start_KeysInTheFolderOfAnEarlierPortal_StillReadWhatTheyProtected()
    {
        // Arrange: an earlier Portal protected a sign-in cookie with a key in its keys/ folder.
        var folder = new DirectoryInfo(FileKeyImport.Folder(_store.DataDirectory));
        var earlier = DataProtectionProvider.Create(folder, builder => builder.SetApplicationName("Portal"));
        var cookie = earlier.CreateProtector(SignInCookiePurposes).Protect("the ticket of a signed-in host");
        var keyFiles = folder.GetFiles("*.xml").Select(f => Path.GetFileNameWithoutExtension(f.Name)).ToList();

        // Act: this Portal starts over the same data (twice: a restart copies nothing again).
        await using (var once = PortalFactory.Over(_store, runWorker: false))
        {
            _ = once.Server;
        }

        await using var upgraded = PortalFactory.Over(_store, runWorker: false);
        var read = upgraded.Services.GetRequiredService<IDataProtectionProvider>().CreateProtector(SignInCookiePurposes).Unprotect(cookie);

        // Assert
        Assert.Equal("the ticket of a signed-in host", read);
        await using var db = await upgraded.DbAsync();
        var stored = await db.DataProtectionKeys.Select(k => k.FriendlyName!).ToListAsync(Ct);
        Assert.NotEmpty(keyFiles);
        Assert.Equal(keyFiles.Order(), stored.Where(keyFiles.Contains).Order());
    }
}
