using System.Globalization;
using Bunit;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using MudBlazor;
using Portal.Application;
using Portal.Application.Admin;
using Portal.Application.Competitions;
using Portal.Application.Events;
using Portal.Application.Jobs;
using Portal.Web.Components.Pages.Admin;
using Portal.Web.Components.Shared;
using Portal.Web.Tests.Support;

namespace Portal.Web.Tests.Components;

/// <summary>
/// The host's competition page over the real app's services: its Teams table follows the board without a reload.
/// The app runs without its job worker, so the test decides when the rescore jobs run.
/// </summary>
public sealed class AdminCompetitionTeamsTests : PortalComponentTest
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(20);

    private static CancellationToken Ct => Xunit.TestContext.Current.CancellationToken;

    [Fact]
    public async Task AdminCompetition_RescoreAllThenJobsFinish_TeamsTableShowsTheBestPublicAgainWithoutReload()
    {
        // Arrange: team A has one scored submission; the page shows its best public score.
        using var store = PortalStore.Create();
        await using var factory = PortalFactory.Over(store, runWorker: false);
        var scenario = await new ScenarioBuilder(factory).BuildAsync();
        var predicted = scenario.Predict(0.7, 0.6);
        using (var team = factory.WithToken(scenario.A.Token))
        {
            await team.SubmitAcceptedAsync(scenario.Slug, scenario.Csv(predicted));
        }

        var expected = scenario.PublicScore(predicted).ToString("0.0000", CultureInfo.InvariantCulture);
        // The page's services, taken from the app (a fallback to the app's root provider would also answer the renderer's scoped probes).
        Services.AddSingleton(factory.Services.GetRequiredService<CompetitionService>());
        Services.AddSingleton(factory.Services.GetRequiredService<HiddenSetImporter>());
        Services.AddSingleton(factory.Services.GetRequiredService<HiddenSetCache>());
        Services.AddSingleton(factory.Services.GetRequiredService<AdminService>());
        Services.AddSingleton(factory.Services.GetRequiredService<CompetitionDeletion>());
        Services.AddSingleton(factory.Services.GetRequiredService<IOptions<PortalOptions>>());
        Services.AddSingleton(factory.Services.GetRequiredService<IPortalEvents>());
        ComponentFactories.AddStub<LargeUpload>();
        var dialogs = Render<MudDialogProvider>();
        var cut = Render<AdminCompetition>(p => p.Add(c => c.Slug, scenario.Slug));
        cut.WaitForAssertion(() => Assert.Equal(expected, BestPublicOf(cut, scenario.A.Name)), Patience);

        // Act 1: rescore all, confirmed; every scored submission leaves the board until its job has run.
        await cut.InvokeAsync(() => cut.Find("[data-testid=rescore-all]").Click());
        await dialogs.InvokeAsync(() => dialogs.FindAll("button").Single(b => b.TextContent.Trim() == "Rescore all").Click());

        // Assert 1
        cut.WaitForAssertion(() => Assert.Equal("—", BestPublicOf(cut, scenario.A.Name)), Patience);

        // Act 2: a worker runs the rescore jobs.
        var configured = factory.Services.GetRequiredService<IOptions<JobOptions>>().Value;
        using var worker = ActivatorUtilities.CreateInstance<JobWorker>(factory.Services, Options.Create(new JobOptions
        {
            Lease = configured.Lease,
            PollInterval = configured.PollInterval,
            Concurrency = configured.Concurrency,
            MaxAttempts = configured.MaxAttempts,
            RunWorker = true,
        }));
        await worker.StartAsync(Ct);
        try
        {
            // Assert 2: the table follows without a reload.
            cut.WaitForAssertion(() => Assert.Equal(expected, BestPublicOf(cut, scenario.A.Name)), Patience);
        }
        finally
        {
            await worker.StopAsync(CancellationToken.None);
            await DisposeComponentsAsync();
        }
    }

    private static string BestPublicOf(IRenderedComponent<AdminCompetition> cut, string team) =>
        cut.FindAll("[data-testid=team-row]")
            .Single(r => r.QuerySelector("[data-testid=team-name]")!.TextContent.Trim() == team)
            .QuerySelector("[data-testid=team-best-public]")!.TextContent.Trim();
}
