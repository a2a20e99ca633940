using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using Portal.Data;
using Portal.Data.Entities;

namespace Portal.E2ETests.Support;

/// <summary>
/// The real app on a Kestrel port (demo seeded, known host password) and a headless Debian chromium,
/// shared by the browser tests of a class.
/// </summary>
public sealed class PortalServer : IAsyncLifetime
{
    public const string HostEmail = "host@e2e.local";
    public const string HostPassword = "Host-e2e-Pass-2026";

    private IPlaywright? _playwright;

    public WebApplicationFactory<Program> Factory { get; private set; } = null!;

    public IBrowser Browser { get; private set; } = null!;

    public string BaseUrl { get; private set; } = "";

    public string DataDirectory { get; } = Path.Combine(Path.GetTempPath(), "portal-e2e-" + Guid.NewGuid().ToString("N"));

    public async ValueTask InitializeAsync()
    {
        Factory = new WebApplicationFactory<Program>().WithWebHostBuilder(builder =>
        {
            builder.UseSetting("Portal:DataDirectory", DataDirectory);
            builder.UseSetting("Portal:AdminEmail", HostEmail);
            builder.UseSetting("Portal:AdminPassword", HostPassword);
            builder.UseSetting("Jobs:PollInterval", "00:00:00.200");
            builder.UseSetting("Logging:LogLevel:Default", "Warning");
        });
        // A free loopback port: UseKestrel(0) leaves the port unset, so Kestrel takes its default 5000, which another run may hold.
        Factory.UseKestrel(kestrel => kestrel.Listen(System.Net.IPAddress.Loopback, 0));
        Factory.StartServer();
        var addresses = Factory.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!;
        BaseUrl = addresses.Addresses.First().Replace("[::]", "127.0.0.1", StringComparison.Ordinal).TrimEnd('/') + "/";

        await WaitForDemoJobsAsync();
        _playwright = await Playwright.CreateAsync();
        Browser = await _playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = "/usr/bin/chromium",
            Headless = true,
            Args = ["--no-sandbox", "--disable-dev-shm-usage"],
        });
    }

    /// <summary>
    /// Waits until the demo's seeded jobs (CSV scoring and the sample model's run) are done, so the tests start from a
    /// finished demo and a model uploaded by a test does not queue behind the demo's model run.
    /// </summary>
    private async Task WaitForDemoJobsAsync()
    {
        var factory = Factory.Services.GetRequiredService<IDbContextFactory<PortalDbContext>>();
        var deadline = DateTime.UtcNow.AddMinutes(3);
        while (true)
        {
            await using var db = await factory.CreateDbContextAsync();
            if (!await db.Jobs.AnyAsync(j => j.State == JobState.Queued || j.State == JobState.Running))
            {
                return;
            }

            if (DateTime.UtcNow > deadline)
            {
                throw new TimeoutException("The demo's seeded jobs did not finish within 3 minutes.");
            }

            await Task.Delay(200);
        }
    }

    /// <summary>A fresh browser context and page that records every page error and console error.</summary>
    public async Task<BrowserSession> NewSessionAsync()
    {
        var context = await Browser.NewContextAsync(new BrowserNewContextOptions { BaseURL = BaseUrl, ViewportSize = new ViewportSize { Width = 1280, Height = 900 } });
        context.SetDefaultTimeout(20_000);
        var page = await context.NewPageAsync();
        return new BrowserSession(context, page);
    }

    public async ValueTask DisposeAsync()
    {
        if (Browser is not null)
        {
            await Browser.DisposeAsync();
        }

        _playwright?.Dispose();
        await Factory.DisposeAsync();
        try
        {
            Directory.Delete(DataDirectory, recursive: true);
        }
        catch (IOException)
        {
            // A file still open by a finishing request; the temp folder is cleaned by the OS later.
        }
    }
}
