using Bunit;
using Microsoft.AspNetCore.Components;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using Portal.Data.Entities;
using Portal.Web.Components.Shared;
using Portal.Web.Tests.Support;

namespace Portal.Web.Tests.Components;

/// <summary>The countdown under a competition's title, on a clock the test moves.</summary>
public sealed class CompetitionCountdownTests : PortalComponentTest
{
    private static readonly TimeSpan Wait = TimeSpan.FromSeconds(10);

    // 12:48 UTC is 13:48 in Berlin (UTC+1 in December): its midnight is 10 h 12 min away.
    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2026, 12, 1, 12, 48, 0, TimeSpan.Zero));

    public CompetitionCountdownTests()
    {
        Services.AddSingleton<TimeProvider>(_time);
        Services.AddOptions();
        // A prerender by default; the tests of the minute refresh render interactively.
        SetRendererInfo(new RendererInfo("Static", isInteractive: false));
    }

    private DateTime Now => _time.GetUtcNow().UtcDateTime;

    [Fact]
    public void CompetitionCountdown_OpenCompetition_ShowsTimeToCloseAndToMidnightInItsZone()
    {
        // Arrange
        var competition = Competition(CompetitionState.Open, ends: Now.AddDays(3).AddHours(4).AddMinutes(30));

        // Act
        var cut = Render<CompetitionCountdown>(p => p.Add(c => c.Competition, competition));

        // Assert
        Assert.Equal("Closes in 3 days 4 h", cut.Find("[data-testid=countdown-close]").TextContent.Trim());
        Assert.Equal("Daily limit resets in 10 h 12 min (midnight Europe/Berlin)", cut.Find("[data-testid=countdown-reset]").TextContent.Trim());
    }

    [Fact]
    public void CompetitionCountdown_CloseAndReset_AreSpacedApartByMudBlazorGapClasses()
    {
        // Arrange
        var competition = Competition(CompetitionState.Open, ends: Now.AddDays(3));

        // Act
        var cut = Render<CompetitionCountdown>(p => p.Add(c => c.Competition, competition));

        // Assert: the two lines sit side by side at desktop width with a column gap between them (the reset's icon
        // touched "Closes in ... h" when the class named no MudBlazor rule), and every class is one MudBlazor defines.
        var row = cut.Find("[data-testid=countdown]");
        Assert.Equal(["countdown-close", "countdown-reset"], row.Children.Select(c => c.GetAttribute("data-testid")));
        Assert.Contains(row.ClassList, c => c.StartsWith("gap-x-", StringComparison.Ordinal) && c != "gap-x-0");
        Assert.All(row.ClassList.Concat(row.Children.SelectMany(c => c.ClassList)),
            c => Assert.True(MudBlazorStylesheet.Defines(c), $"'{c}' is not a MudBlazor class."));
    }

    [Fact]
    public void CompetitionCountdown_ClosedCompetition_SaysWhenItClosedAndNothingMore()
    {
        // Arrange
        var competition = Competition(CompetitionState.Closed, ends: Now.AddDays(3));
        competition.ClosedAtUtc = new DateTime(2026, 11, 30, 18, 0, 0, DateTimeKind.Utc);

        // Act
        var cut = Render<CompetitionCountdown>(p => p.Add(c => c.Competition, competition));

        // Assert
        Assert.Equal("Closed on 2026-11-30", cut.Find("[data-testid=countdown-close]").TextContent.Trim());
        Assert.DoesNotContain("Closes", cut.Markup, StringComparison.Ordinal);
        Assert.Empty(cut.FindAll("[data-testid=countdown-reset]"));
    }

    [Fact]
    public void CompetitionCountdown_DeadlinePassedButNotClosed_SaysSubmissionsClosedAndFinalsStillOpen()
    {
        // Arrange
        var competition = Competition(CompetitionState.Open, ends: new DateTime(2026, 11, 29, 23, 0, 0, DateTimeKind.Utc));

        // Act
        var cut = Render<CompetitionCountdown>(p => p.Add(c => c.Competition, competition));

        // Assert
        Assert.StartsWith("Submissions closed on 2026-11-29; final selections stay open", cut.Find("[data-testid=countdown-close]").TextContent.Trim(), StringComparison.Ordinal);
        Assert.Empty(cut.FindAll("[data-testid=countdown-reset]"));
    }

    [Fact]
    public void CompetitionCountdown_NotStartedYet_ShowsTimeToOpen()
    {
        // Arrange
        var competition = Competition(CompetitionState.Open, ends: Now.AddDays(30));
        competition.StartsAtUtc = Now.AddMinutes(42);

        // Act
        var cut = Render<CompetitionCountdown>(p => p.Add(c => c.Competition, competition));

        // Assert
        Assert.Equal("Opens in 42 min", cut.Find("[data-testid=countdown-open]").TextContent.Trim());
        Assert.Empty(cut.FindAll("[data-testid=countdown-close]"));
    }

    [Fact]
    public void CompetitionCountdown_InteractiveAndAMinutePasses_CountsDown()
    {
        // Arrange
        SetRendererInfo(new RendererInfo("Server", isInteractive: true));
        var competition = Competition(CompetitionState.Open, ends: Now.AddDays(3));
        var cut = Render<CompetitionCountdown>(p => p.Add(c => c.Competition, competition));

        // Act
        _time.Advance(TimeSpan.FromMinutes(1));

        // Assert
        cut.WaitForAssertion(() => Assert.Equal("Daily limit resets in 10 h 11 min (midnight Europe/Berlin)", cut.Find("[data-testid=countdown-reset]").TextContent.Trim()), Wait);
    }

    private Competition Competition(CompetitionState state, DateTime ends) => new()
    {
        Slug = "masks",
        Title = "Masks",
        StartsAtUtc = Now.AddDays(-7),
        EndsAtUtc = ends,
        TimeZone = "Europe/Berlin",
        State = state,
    };
}
