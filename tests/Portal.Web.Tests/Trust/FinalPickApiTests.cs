using System.Net;
using Microsoft.Extensions.DependencyInjection;
using Portal.Application.Competitions;
using Portal.Application.Trust;
using Portal.Core.Trust;
using Portal.Web.Api;
using Portal.Web.Tests.Support;

namespace Portal.Web.Tests.Trust;

/// <summary>The final-pick assistant over HTTP: ties with the best by Compare's paired bootstrap, suggested finals with reasons, before the close only.</summary>
public sealed class FinalPickApiTests(PortalFactory factory) : IClassFixture<PortalFactory>
{
    [Fact]
    public async Task FinalPicks_TwoCloseAndOneWeak_SuggestsTheBestAndItsTiedRival()
    {
        // Arrange
        var (scenario, strong, rival, weak) = await ThreeSubmissionsAsync();
        using var token = factory.WithToken(scenario.A.Token);
        using var member = await factory.SignInAsync(scenario.A.FirstMember);

        // Act
        var picks = await token.GetJsonAsync<ApiFinalPicks>($"/api/v1/competitions/{scenario.Slug}/final-picks");
        var page = await member.GetTextAsync($"/c/{scenario.Slug}/submissions");

        // Assert
        Assert.Equal(3, picks.Candidates.Count);
        var best = Assert.Single(picks.Candidates, c => c.Best);
        Assert.Contains(best.SubmissionId, new[] { strong, rival });
        var other = strong == best.SubmissionId ? rival : strong;
        Assert.True(picks.Candidates.Single(c => c.SubmissionId == other).TiedWithBest);
        var weakRow = picks.Candidates.Single(c => c.SubmissionId == weak);
        Assert.False(weakRow.TiedWithBest);
        Assert.True(weakRow.BestMinusLower > 0, "The weak submission's difference to the best excludes 0.");
        Assert.Equal([best.SubmissionId, other], picks.Suggested.Select(s => s.SubmissionId));
        Assert.Equal(["best-public", "tied-and-most-different"], picks.Suggested.Select(s => s.Reason));
        Assert.Contains("Statistically tied", picks.Suggested[1].Why, StringComparison.Ordinal);
        Assert.Equal(1000, picks.Resamples);
        Assert.Contains("data-testid=\"final-picks\"", page, StringComparison.Ordinal);
        Assert.Equal(2, CountOf("data-testid=\"final-suggestion\"", page));
    }

    [Fact]
    public async Task FinalPicks_SameTeamTwice_SameIntervalsBySeed()
    {
        // Arrange
        var (scenario, _, _, _) = await ThreeSubmissionsAsync();
        using var token = factory.WithToken(scenario.A.Token);

        // Act
        var first = await token.GetJsonAsync<ApiFinalPicks>($"/api/v1/competitions/{scenario.Slug}/final-picks");
        var second = await token.GetJsonAsync<ApiFinalPicks>($"/api/v1/competitions/{scenario.Slug}/final-picks");

        // Assert
        Assert.Equal(first.Candidates, second.Candidates);
    }

    [Fact]
    public async Task FinalPicks_IntervalToBest_EqualsComparesPairedBootstrap()
    {
        // Arrange
        var (scenario, strong, rival, weak) = await ThreeSubmissionsAsync();
        using var token = factory.WithToken(scenario.A.Token);
        var picks = await token.GetJsonAsync<ApiFinalPicks>($"/api/v1/competitions/{scenario.Slug}/final-picks");
        var best = picks.Candidates.Single(c => c.Best);
        var labels = new Dictionary<int, byte[]> { [strong] = Strong(scenario), [rival] = Rival(scenario), [weak] = Weak(scenario) };
        var positions = scenario.Hidden.Split.PublicPositions;
        byte[] Public(byte[] all) => positions.Select(p => all[p]).ToArray();

        // Act
        var expected = Portal.Core.Comparison.PairedBootstrap.MacroF1Difference(
            Public(scenario.Hidden.Truth.Labels.ToArray()), Public(labels[weak]), Public(labels[best.SubmissionId]), scenario.Hidden.Taxonomy.Count, 1000, 42);

        // Assert
        var weakRow = picks.Candidates.Single(c => c.SubmissionId == weak);
        Assert.Equal(expected.Lower, weakRow.BestMinusLower!.Value, 12);
        Assert.Equal(expected.Upper, weakRow.BestMinusUpper!.Value, 12);
    }

    [Fact]
    public async Task FinalPicks_AfterClose_409AndNoPanel()
    {
        // Arrange
        var (scenario, _, _, _) = await ThreeSubmissionsAsync();
        await factory.Services.GetRequiredService<CompetitionService>().CloseAsync(scenario.CompetitionId, TestContext.Current.CancellationToken);
        using var token = factory.WithToken(scenario.A.Token);
        using var member = await factory.SignInAsync(scenario.A.FirstMember);

        // Act
        using var response = await token.GetPathAsync($"/api/v1/competitions/{scenario.Slug}/final-picks");
        var page = await member.GetTextAsync($"/c/{scenario.Slug}/submissions");

        // Assert
        Assert.Equal(HttpStatusCode.Conflict, response.StatusCode);
        Assert.Contains(TeamTrustService.FinalsFixedSentence, await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken), StringComparison.Ordinal);
        Assert.DoesNotContain("data-testid=\"final-picks\"", page, StringComparison.Ordinal);
    }

    [Fact]
    public void FinalPickReasons_EveryOne_HasAnApiName()
    {
        // Arrange, Act
        var names = Enum.GetValues<FinalPickReason>().Select(r => ApiTrustNames.Name(r)).ToList();

        // Assert
        Assert.Equal(["best-public", "tied-and-most-different", "next-best"], names);
    }

    /// <summary>Team A: a strong submission, a rival of about the same public score that differs on some images, and a weak one.</summary>
    private async Task<(Scenario Scenario, int Strong, int Rival, int Weak)> ThreeSubmissionsAsync()
    {
        var scenario = await new ScenarioBuilder(factory).BuildAsync();
        using var token = factory.WithToken(scenario.A.Token);
        var strong = await token.SubmitAcceptedAsync(scenario.Slug, scenario.Csv(Strong(scenario)), "strong");
        var rival = await token.SubmitAcceptedAsync(scenario.Slug, scenario.Csv(Rival(scenario)), "rival");
        var weak = await token.SubmitAcceptedAsync(scenario.Slug, scenario.Csv(Weak(scenario)), "weak");
        return (scenario, strong, rival, weak);
    }

    private static byte[] Strong(Scenario scenario) => scenario.Predict(0.8, 0.6);

    /// <summary>The strong one with four public images swapped: two it got right now wrong, two it got wrong now right.</summary>
    private static byte[] Rival(Scenario scenario)
    {
        var predicted = Strong(scenario);
        var truth = scenario.Hidden.Truth.Labels.ToArray();
        var positions = scenario.Hidden.Split.PublicPositions;
        var right = positions.Where(p => predicted[p] == truth[p]).Take(2).ToList();
        var wrong = positions.Where(p => predicted[p] != truth[p]).Take(2).ToList();
        foreach (var p in right)
        {
            predicted[p] = (byte)((truth[p] + 2) % scenario.Hidden.Taxonomy.Count);
        }

        foreach (var p in wrong)
        {
            predicted[p] = truth[p];
        }

        return predicted;
    }

    private static byte[] Weak(Scenario scenario) => scenario.Predict(0.2, 0.6);

    private static int CountOf(string text, string body)
    {
        var count = 0;
        for (var at = body.IndexOf(text, StringComparison.Ordinal); at >= 0; at = body.IndexOf(text, at + text.Length, StringComparison.Ordinal))
        {
            count++;
        }

        return count;
    }
}
