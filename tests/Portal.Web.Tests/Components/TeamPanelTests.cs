using AngleSharp.Dom;
using Bunit;
using Microsoft.AspNetCore.Components.Web;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Portal.Core.Competitions;
using Portal.Data;
using Portal.Data.Entities;
using Portal.Web.Components.Shared;
using Portal.Application.Access;
using Portal.Application.Competitions;
using Portal.Application.Teams;
using Portal.Web.Tests.Support;

namespace Portal.Web.Tests.Components;

/// <summary>The team panel over a real <see cref="TeamService"/> on a database of its own.</summary>
public sealed class TeamPanelTests : PortalComponentTest, IAsyncLifetime, IClassFixture<TeamDatabaseFixture>
{
    private Competition _competition = default!;
    private PortalUser _user = default!;

    public TeamPanelTests(TeamDatabaseFixture database)
    {
        ArgumentNullException.ThrowIfNull(database);
        Services.AddPortalDatabase(database.Store.Database, database.Store.DataDirectory);
        Services.AddSingleton(TimeProvider.System);
        Services.AddSingleton<CompetitionClock>();
        Services.AddSingleton<TeamService>();
    }

    private static CancellationToken Ct => Xunit.TestContext.Current.CancellationToken;

    private TeamService Teams => Services.GetRequiredService<TeamService>();

    public async ValueTask InitializeAsync()
    {
        await using var db = await Services.GetRequiredService<IDbContextFactory<PortalDbContext>>().CreateDbContextAsync(Ct);
        var slug = "masks-" + Guid.NewGuid().ToString("N")[..8];
        _competition = new Competition
        {
            Slug = slug,
            Title = "Masks",
            ClassNames = ClassTaxonomy.MaskGenderAge.ClassNames.ToList(),
            StartsAtUtc = DateTime.UtcNow.AddDays(-1),
            EndsAtUtc = DateTime.UtcNow.AddDays(10),
            DailySubmissionLimit = 5,
            State = CompetitionState.Open,
            CreatedAtUtc = DateTime.UtcNow,
        };
        _user = new PortalUser { UserName = slug + "@participants.test", Email = slug + "@participants.test", DisplayName = "Ada" };
        db.Competitions.Add(_competition);
        db.Users.Add(_user);
        await db.SaveChangesAsync(Ct);
    }

    [Fact]
    public void TeamPanel_NotSignedIn_AsksToSignIn()
    {
        // Arrange
        var context = new CompetitionContext(_competition, Viewer.Anonymous, null);

        // Act
        var cut = Render<TeamPanel>(p => p.Add(c => c.Context, context));

        // Assert
        Assert.Contains("to create or join a team", cut.Markup, StringComparison.Ordinal);
        Assert.Contains(cut.FindAll("a"), a => a.GetAttribute("href") == $"Account/Login?returnUrl=c%2F{_competition.Slug}%2Fteam");
        Assert.Empty(cut.FindAll("[data-testid=create-team]"));
    }

    [Fact]
    public void TeamPanel_SignedInWithoutTeam_OffersCreateAndJoin()
    {
        // Arrange
        var context = new CompetitionContext(_competition, new Viewer(_user.Id, false), null);

        // Act
        var cut = Render<TeamPanel>(p => p.Add(c => c.Context, context));

        // Assert
        Assert.NotNull(cut.Find("[data-testid=create-team]"));
        Assert.NotNull(cut.Find("[data-testid=join-team]"));
        Assert.Empty(cut.FindAll("[data-testid=team-card]"));
    }

    [Fact]
    public async Task TeamPanel_WithTeam_ShowsNameInviteCodeAndQuotaLeft()
    {
        // Arrange
        var (team, _) = await Teams.CreateAsync(_competition.Id, _user.Id, "Owls", Ct);
        await using (var db = await Services.GetRequiredService<IDbContextFactory<PortalDbContext>>().CreateDbContextAsync(Ct))
        {
            db.DailyQuotas.Add(new DailyQuota { TeamId = team!.Id, Day = DateTime.UtcNow.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture), Used = 2 });
            await db.SaveChangesAsync(Ct);
        }

        var view = await Teams.FindAsync(team.Id, Ct);
        var context = new CompetitionContext(_competition, new Viewer(_user.Id, false), view);

        // Act
        var cut = Render<TeamPanel>(p => p.Add(c => c.Context, context));

        // Assert
        Assert.Equal("Owls", cut.Find("[data-testid=my-team-name]").TextContent.Trim());
        Assert.Equal(team.InviteCode, cut.Find("[data-testid=invite-code]").TextContent.Trim());
        Assert.Contains("Submissions left today: 3 of 5", Normalize(cut.Find("[data-testid=quota]")), StringComparison.Ordinal);
        Assert.Contains("Members: Ada", cut.Find("[data-testid=team-card]").TextContent, StringComparison.Ordinal);
    }

    [Fact]
    public async Task TeamPanel_CopyInviteCode_CopiesTheTeamsCode()
    {
        // Arrange
        var (team, _) = await Teams.CreateAsync(_competition.Id, _user.Id, "Owls", Ct);
        var view = await Teams.FindAsync(team!.Id, Ct);
        var copy = JSInterop.Setup<bool>("portalClipboard.copy", team.InviteCode);
        copy.SetResult(true);
        var cut = Render<TeamPanel>(p => p.Add(c => c.Context, new CompetitionContext(_competition, new Viewer(_user.Id, false), view)));

        // Act
        await cut.Find("[data-testid=copy-invite-code]").ClickAsync(new MouseEventArgs());

        // Assert
        Assert.Single(copy.Invocations);
    }

    [Fact]
    public async Task TeamPanel_NewToken_OffersToCopyTheWholeToken()
    {
        // Arrange
        var (team, _) = await Teams.CreateAsync(_competition.Id, _user.Id, "Owls", Ct);
        var view = await Teams.FindAsync(team!.Id, Ct);
        var cut = Render<TeamPanel>(p => p.Add(c => c.Context, new CompetitionContext(_competition, new Viewer(_user.Id, false), view)));
        await cut.Find("[data-testid=rotate-token]").ClickAsync(new MouseEventArgs());
        var token = cut.Find("[data-testid=api-token]").TextContent.Trim();
        var copy = JSInterop.Setup<bool>("portalClipboard.copy", token);
        copy.SetResult(true);

        // Act
        await cut.Find("[data-testid=copy-api-token]").ClickAsync(new MouseEventArgs());

        // Assert
        Assert.StartsWith("pt_", token, StringComparison.Ordinal);
        Assert.Single(copy.Invocations);
    }

    [Fact]
    public async Task TeamPanel_CreateTeam_CreatesItThroughTheServiceAndReportsTheChange()
    {
        // Arrange
        var changed = 0;
        var context = new CompetitionContext(_competition, new Viewer(_user.Id, false), null);
        var cut = Render<TeamPanel>(p => p.Add(c => c.Context, context).Add(c => c.Changed, () => changed++));

        // Act
        await cut.Find("input[data-testid=team-name-input]").ChangeAsync(new Microsoft.AspNetCore.Components.ChangeEventArgs { Value = "Night Owls" });
        await cut.Find("[data-testid=create-team]").ClickAsync(new MouseEventArgs());

        // Assert
        var mine = await Teams.FindMineAsync(_competition.Id, _user.Id, Ct);
        Assert.Equal("Night Owls", mine?.Name);
        Assert.Equal(1, changed);
        Assert.Empty(cut.FindAll("[data-testid=team-error]"));
    }

    [Fact]
    public async Task TeamPanel_CreateTeamWithTooShortName_ShowsTheServicesReason()
    {
        // Arrange
        var changed = 0;
        var context = new CompetitionContext(_competition, new Viewer(_user.Id, false), null);
        var cut = Render<TeamPanel>(p => p.Add(c => c.Context, context).Add(c => c.Changed, () => changed++));

        // Act
        await cut.Find("input[data-testid=team-name-input]").ChangeAsync(new Microsoft.AspNetCore.Components.ChangeEventArgs { Value = "X" });
        await cut.Find("[data-testid=create-team]").ClickAsync(new MouseEventArgs());

        // Assert
        Assert.Equal("A team name needs 2 to 80 characters.", cut.Find("[data-testid=team-error]").TextContent.Trim());
        Assert.Equal(0, changed);
        Assert.Null(await Teams.FindMineAsync(_competition.Id, _user.Id, Ct));
    }

    private static string Normalize(IElement element) => string.Join(' ', element.TextContent.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries));
}
