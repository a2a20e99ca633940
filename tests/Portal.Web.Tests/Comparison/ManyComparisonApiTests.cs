using System.Net;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Portal.Application.Comparison;
using Portal.Core.Comparison;
using Portal.Web.Api;
using Portal.Web.Tests.Support;

namespace Portal.Web.Tests.Comparison;

/// <summary>The N-way comparison API: clustered disagreement for the team; the oracle rate and scores only where the truth may be used.</summary>
public sealed class ManyComparisonApiTests(PortalFactory factory) : IClassFixture<PortalFactory>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private async Task<(Scenario Scenario, byte[][] Labels, int[] Ids)> ThreeSubmissionsAsync()
    {
        var scenario = await new ScenarioBuilder(factory).BuildAsync();
        using var client = factory.WithToken(scenario.A.Token);
        byte[][] labels = [scenario.Predict(0.9, 0.3), scenario.Predict(0.3, 0.9), scenario.Predict(0.85, 0.35)];
        var ids = new List<int>();
        foreach (var l in labels)
        {
            ids.Add(await client.SubmitAcceptedAsync(scenario.Slug, scenario.Csv(l)));
            await client.WaitUntilDoneAsync(ids[^1]);
        }

        return (scenario, labels, ids.ToArray());
    }

    [Fact]
    public async Task CompareMany_Participant_ClusteredDisagreementWithoutTruth()
    {
        // Arrange
        var (scenario, labels, ids) = await ThreeSubmissionsAsync();
        using var client = factory.WithToken(scenario.A.Token);
        var matrix = DisagreementMatrix.Compute(labels.Select(l => (ReadOnlyMemory<byte>)l).ToList());
        var order = HierarchicalClustering.Order(matrix);

        // Act
        var view = await client.GetJsonAsync<ApiManyComparison>($"/api/v1/competitions/{scenario.Slug}/compare?ids={ids[0]},{ids[1]},{ids[2]}");

        // Assert
        Assert.Equal(order.Select(i => ids[i]), view.Members.Select(m => m.Submission.Id));
        for (var i = 0; i < 3; i++)
        {
            for (var j = 0; j < 3; j++)
            {
                Assert.Equal(matrix.Rate(order[i], order[j]), view.Disagreement[i][j], 12);
            }
        }

        Assert.Equal(DisagreementMatrix.CountUnanimous(labels.Select(l => (ReadOnlyMemory<byte>)l).ToList()), view.Unanimous);
        Assert.Null(view.Judged);
        Assert.All(view.Members, m => Assert.Null(m.Score));
        Assert.All(view.Members, m => Assert.Null(m.Submission.PrivateScore));
        Assert.NotNull(view.JudgedUnavailable);
    }

    [Fact]
    public async Task CompareMany_Host_OracleRateAndScoresOnAllImages()
    {
        // Arrange
        var (scenario, labels, ids) = await ThreeSubmissionsAsync();
        using var host = await factory.SignInAsHostAsync();
        var members = labels.Select(l => (ReadOnlyMemory<byte>)l).ToList();

        // Act
        var view = await host.GetJsonAsync<ApiManyComparison>($"/api/v1/competitions/{scenario.Slug}/compare?ids={ids[0]},{ids[1]},{ids[2]}");

        // Assert
        Assert.NotNull(view.Judged);
        Assert.Equal("all test images", view.Judged.Scope);
        Assert.Equal(OracleRate.Compute(members, scenario.Hidden.Truth.Labels), view.Judged.OracleRate, 12);
        foreach (var member in view.Members)
        {
            var labelsOf = labels[Array.IndexOf(ids, member.Submission.Id)];
            var expected = Portal.Core.Scoring.Scorer.Score(scenario.Hidden.Truth.Labels, labelsOf, scenario.Hidden.Taxonomy).MacroF1;
            Assert.Equal(expected, member.Score!.Value, 12);
        }
    }

    [Fact]
    public async Task CompareMany_PublicPerClassShown_ParticipantGetsPublicSplitOracleRate()
    {
        // Arrange
        var (scenario, labels, ids) = await ThreeSubmissionsAsync();
        await using (var db = await factory.DbAsync())
        {
            await db.Competitions.Where(c => c.Id == scenario.CompetitionId).ExecuteUpdateAsync(s => s.SetProperty(c => c.ShowPublicPerClass, true), Ct);
        }

        using var client = factory.WithToken(scenario.A.Token);

        // Act
        var view = await client.GetJsonAsync<ApiManyComparison>($"/api/v1/competitions/{scenario.Slug}/compare?ids={ids[0]},{ids[1]},{ids[2]}");

        // Assert
        Assert.Equal("the public split", view.Judged!.Scope);
        var positions = scenario.Hidden.Split.PublicPositions;
        Assert.Equal(positions.Length, view.Judged.Images);
        Assert.Equal(OracleRate.Compute(labels.Select(l => (ReadOnlyMemory<byte>)l).ToList(), scenario.Hidden.Truth.Labels, positions), view.Judged.OracleRate, 12);
        Assert.All(view.Members, m => Assert.Equal(m.Submission.PublicScore!.Value, m.Score!.Value, 12));
    }

    [Fact]
    public async Task CompareMany_OtherTeamsSubmission_NotFound()
    {
        var (scenario, _, ids) = await ThreeSubmissionsAsync();
        using var b = factory.WithToken(scenario.B.Token);

        using var response = await b.GetPathAsync($"/api/v1/competitions/{scenario.Slug}/compare?ids={ids[0]},{ids[1]}");

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
    }

    [Theory]
    [InlineData("ids=abc", HttpStatusCode.BadRequest)]
    [InlineData("ids=", HttpStatusCode.BadRequest)]
    [InlineData("ids={0}", HttpStatusCode.BadRequest)]
    [InlineData("ids={0},{0}", HttpStatusCode.BadRequest)]
    public async Task CompareMany_BadIds_BadRequest(string query, HttpStatusCode expected)
    {
        var (scenario, _, ids) = await ThreeSubmissionsAsync();
        using var client = factory.WithToken(scenario.A.Token);

        using var response = await client.GetPathAsync($"/api/v1/competitions/{scenario.Slug}/compare?" + query.Replace("{0}", ids[0].ToString(System.Globalization.CultureInfo.InvariantCulture), StringComparison.Ordinal));

        Assert.Equal(expected, response.StatusCode);
    }

    [Fact]
    public async Task CompareTwo_BothWithProbabilities_EachDifferenceCarriesBothConfidences()
    {
        // Arrange
        var scenario = await new ScenarioBuilder(factory).BuildAsync();
        using var client = factory.WithToken(scenario.A.Token);
        var pa = Ensembles.EnsembleHttp.Probabilities(scenario.Predict(0.9, 0.3), 18, 1);
        var pb = Ensembles.EnsembleHttp.Probabilities(scenario.Predict(0.3, 0.9), 18, 2);
        var a = await client.SubmitAcceptedAsync(scenario.Slug, Ensembles.EnsembleHttp.ProbabilitiesCsv(scenario.ImageIds, pa, 18));
        var b = await client.SubmitAcceptedAsync(scenario.Slug, Ensembles.EnsembleHttp.ProbabilitiesCsv(scenario.ImageIds, pb, 18));
        await client.WaitUntilDoneAsync(a);
        await client.WaitUntilDoneAsync(b);
        var comparisons = factory.Services.GetRequiredService<ComparisonService>();

        // Act
        var outcome = await comparisons.CompareAsync(a, b, new Portal.Application.Access.Viewer(null, false, scenario.A.Id), cancellationToken: Ct);

        // Assert
        var view = outcome.View!;
        Assert.True(view.HasConfidence);
        Assert.NotEmpty(view.Differences);
        foreach (var d in view.Differences)
        {
            Assert.Equal(pa[d.Position * 18 + d.A], d.ConfidenceA);
            Assert.Equal(pb[d.Position * 18 + d.B], d.ConfidenceB);
        }
    }
}
