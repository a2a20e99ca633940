using Bunit;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Web;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Portal.Application.Notifications;
using Portal.Core.Competitions;
using Portal.Data;
using Portal.Data.Entities;
using Portal.Web.Components.Shared;
using Portal.Web.Tests.Support;

namespace Portal.Web.Tests.Components;

/// <summary>The team page's webhook panel over a real <see cref="TeamWebhookService"/> (no sender: messages stay waiting).</summary>
public sealed class WebhookPanelTests : PortalComponentTest, IAsyncLifetime, IClassFixture<TeamDatabaseFixture>
{
    private int _teamId;

    public WebhookPanelTests(TeamDatabaseFixture database)
    {
        ArgumentNullException.ThrowIfNull(database);
        Services.AddPortalDatabase(database.Store.Database, database.Store.DataDirectory);
        Services.AddSingleton(TimeProvider.System);
        Services.AddSingleton(Options.Create(new NotificationOptions { AllowLoopback = true }));
        Services.AddSingleton<WebhookAddressPolicy>();
        Services.AddSingleton<WebhookOutbox>();
        Services.AddSingleton<TeamWebhookService>();
    }

    private static CancellationToken Ct => Xunit.TestContext.Current.CancellationToken;

    public async ValueTask InitializeAsync()
    {
        await using var db = await Services.GetRequiredService<IDbContextFactory<PortalDbContext>>().CreateDbContextAsync(Ct);
        var slug = "hooks-" + Guid.NewGuid().ToString("N")[..8];
        var competition = new Competition
        {
            Slug = slug, Title = "Masks", ClassNames = ClassTaxonomy.MaskGenderAge.ClassNames.ToList(), StartsAtUtc = DateTime.UtcNow.AddDays(-1),
            EndsAtUtc = DateTime.UtcNow.AddDays(10), State = CompetitionState.Open, CreatedAtUtc = DateTime.UtcNow,
        };
        db.Competitions.Add(competition);
        await db.SaveChangesAsync(Ct);
        var team = new Team { CompetitionId = competition.Id, Name = "Owls", InviteCode = slug, CreatedAtUtc = DateTime.UtcNow };
        db.Teams.Add(team);
        await db.SaveChangesAsync(Ct);
        _teamId = team.Id;
    }

    [Fact]
    public async Task WebhookPanel_InternalAddress_ShowsSentenceAndOffersNoTest()
    {
        // Arrange
        var cut = Render<WebhookPanel>(p => p.Add(c => c.TeamId, _teamId));

        // Act
        await cut.Find("input[data-testid=webhook-url]").ChangeAsync(new ChangeEventArgs { Value = "https://192.168.0.10/hook" });
        await cut.Find("[data-testid=webhook-save]").ClickAsync(new MouseEventArgs());

        // Assert
        Assert.Contains("local or internal address", cut.Find("[data-testid=webhook-message]").TextContent, StringComparison.Ordinal);
        Assert.Empty(cut.FindAll("[data-testid=webhook-test]"));
        Assert.Null((await Services.GetRequiredService<TeamWebhookService>().StatusAsync(_teamId, Ct))!.Url);
    }

    [Fact]
    public async Task WebhookPanel_SaveThenTest_ShowsTheMessageWaiting()
    {
        // Arrange
        var cut = Render<WebhookPanel>(p => p.Add(c => c.TeamId, _teamId));
        await cut.Find("input[data-testid=webhook-url]").ChangeAsync(new ChangeEventArgs { Value = "http://127.0.0.1:9/hook" });
        await cut.Find("[data-testid=webhook-save]").ClickAsync(new MouseEventArgs());

        // Act
        await cut.Find("[data-testid=webhook-test]").ClickAsync(new MouseEventArgs());

        // Assert
        Assert.Contains("test message is on its way", cut.Find("[data-testid=webhook-message]").TextContent, StringComparison.Ordinal);
        Assert.Contains("test message", cut.Find("[data-testid=webhook-last]").TextContent, StringComparison.Ordinal);
        Assert.Equal("waiting to be sent", cut.Find("[data-testid=webhook-last-state]").TextContent);
        Assert.Equal("http://127.0.0.1:9/hook", (await Services.GetRequiredService<TeamWebhookService>().StatusAsync(_teamId, Ct))!.Url);
    }

    [Fact]
    public async Task WebhookPanel_Remove_ClearsTheAddress()
    {
        // Arrange
        Assert.Null(await Services.GetRequiredService<TeamWebhookService>().SetUrlAsync(_teamId, "http://127.0.0.1:9/hook", Ct));
        var cut = Render<WebhookPanel>(p => p.Add(c => c.TeamId, _teamId));

        // Act
        await cut.Find("[data-testid=webhook-remove]").ClickAsync(new MouseEventArgs());

        // Assert
        Assert.Null((await Services.GetRequiredService<TeamWebhookService>().StatusAsync(_teamId, Ct))!.Url);
        Assert.Empty(cut.FindAll("[data-testid=webhook-test]"));
    }
}
