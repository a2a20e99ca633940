using Bunit;
using Microsoft.AspNetCore.Components;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using Portal.Application.Teams;
using Portal.Data.Entities;
using Portal.Web.Components.Shared;

namespace Portal.Web.Tests.Components;

/// <summary>The team's quota at the top of the Submit page, on a clock the test moves.</summary>
public sealed class QuotaLeftTests : PortalComponentTest
{
    private static readonly TimeSpan Wait = TimeSpan.FromSeconds(10);

    // 19:00 UTC is 20:00 in Berlin: its midnight is 4 h away.
    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2026, 12, 1, 19, 0, 0, TimeSpan.Zero));
    private readonly Competition _competition = new() { Slug = "masks", Title = "Masks", TimeZone = "Europe/Berlin", DailySubmissionLimit = 5, State = CompetitionState.Open };

    public QuotaLeftTests()
    {
        Services.AddSingleton<TimeProvider>(_time);
        Services.AddOptions();
        // A prerender by default; the tests of the minute refresh render interactively.
        SetRendererInfo(new RendererInfo("Static", isInteractive: false));
    }

    private static TeamView Team(int usedToday) =>
        new(1, "Owls", "INVITE", null, ["Ada"], usedToday, 5, new DateTime(2026, 12, 1, 23, 0, 0, DateTimeKind.Utc));

    [Fact]
    public void QuotaLeft_TwoUsed_ShowsLeftOfLimitAndTimeToReset()
    {
        // Arrange
        var team = Team(usedToday: 2);

        // Act
        var cut = Render<QuotaLeft>(p => p.Add(c => c.Competition, _competition).Add(c => c.Team, team));

        // Assert
        Assert.Equal("3 of 5 submissions left today · resets in 4 h", Normalize(cut.Find("[data-testid=quota-left]").TextContent));
    }

    [Fact]
    public void QuotaLeft_InteractiveAndMidnightPasses_ShowsTheWholeLimitAgain()
    {
        // Arrange
        SetRendererInfo(new RendererInfo("Server", isInteractive: true));
        var cut = Render<QuotaLeft>(p => p.Add(c => c.Competition, _competition).Add(c => c.Team, Team(usedToday: 5)));

        // Act
        _time.Advance(TimeSpan.FromHours(4));

        // Assert
        cut.WaitForAssertion(() => Assert.Equal("5 of 5 submissions left today · resets in 1 day", Normalize(cut.Find("[data-testid=quota-left]").TextContent)), Wait);
    }

    private static string Normalize(string text) => string.Join(' ', text.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries));
}
