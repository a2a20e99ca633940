using Bunit;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Portal.Application.Competitions;
using Portal.Data;
using Portal.Application.Events;
using Portal.Application.Jobs;
using Portal.Web.Components.Pages.Admin;
using Portal.Web.Components.Shared;

namespace Portal.Web.Tests.Components;

/// <summary>The host's home page on a database without competitions (its other panels stubbed).</summary>
public sealed class AdminHomeTests : PortalComponentTest, IClassFixture<TeamDatabaseFixture>
{
    public AdminHomeTests(TeamDatabaseFixture database)
    {
        ArgumentNullException.ThrowIfNull(database);
        Services.AddPortalDatabase(database.Store.Database, database.Store.DataDirectory);
        Services.AddSingleton(TimeProvider.System);
        Services.AddSingleton<CompetitionClock>();
        Services.AddSingleton(Microsoft.Extensions.Options.Options.Create(new JobOptions()));
        Services.AddSingleton<JobStore>();
        Services.AddSingleton<ILogger<InProcessPortalEvents>>(NullLogger<InProcessPortalEvents>.Instance);
        Services.AddSingleton<IPortalEvents, InProcessPortalEvents>();
        Services.AddSingleton<CompetitionService>();
        ComponentFactories.AddStub<CompetitionSettingsForm>();
        ComponentFactories.AddStub<ProviderDiagnosticsPanel>();
        ComponentFactories.AddStub<ModelQueuePanel>();
        ComponentFactories.AddStub<DiskUsagePanel>();
        ComponentFactories.AddStub<HostTokenPanel>();
    }

    [Fact]
    public void AdminHome_NoCompetitions_SaysHowToCreateOne()
    {
        // Arrange
        // (a migrated database of its own, with no competition)

        // Act
        var cut = Render<AdminHome>();

        // Assert
        cut.WaitForAssertion(() => Assert.Equal(
            "No competition yet: create one with the New competition form.",
            cut.Find("[data-testid=admin-competitions] [data-testid=competitions-empty]").TextContent), TimeSpan.FromSeconds(10));
    }
}
