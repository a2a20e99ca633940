using System.Net;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Portal.Web.Api;
using Portal.Application.Competitions;
using Portal.Web.Tests.Support;

namespace Portal.Web.Tests.Comparison;

/// <summary>
/// The compare API under the visibility rules: a team compares its own submissions label-free during
/// the competition and never sees per-image correctness; another team's submission is not found.
/// </summary>
public sealed class CompareApiTests(PortalFactory factory) : IClassFixture<PortalFactory>
{
    /// <summary>JSON properties that would carry the truth or correctness.</summary>
    private static readonly string[] CorrectnessProperties = ["truth", "correct", "bothCorrect", "onlyACorrect", "onlyBCorrect", "bothWrong", "confusionA", "confusionB", "classDifferences"];

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Compare_ParticipantDuringCompetition_GivesLabelFreeDiffWithoutCorrectness()
    {
        // Arrange
        var (scenario, ofA, _) = await ScoredAsync();
        using var token = factory.WithToken(scenario.A.Token);
        using var member = await factory.SignInAsync(scenario.A.FirstMember);

        foreach (var client in new[] { token, member })
        {
            // Act
            using var response = await client.GetPathAsync($"/api/v1/submissions/{ofA[0]}/compare/{ofA[1]}");
            var body = await response.Content.ReadAsStringAsync(Ct);
            using var csv = await client.GetPathAsync($"/api/v1/submissions/{ofA[0]}/compare/{ofA[1]}/differences.csv");
            var csvText = await csv.Content.ReadAsStringAsync(Ct);

            // Assert
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            using var json = JsonDocument.Parse(body);
            AssertNoCorrectness(json.RootElement);
            var comparison = JsonSerializer.Deserialize<ApiComparison>(body, PortalHttp.Json)!;
            Assert.Null(comparison.Judged);
            Assert.NotNull(comparison.JudgedUnavailable);
            Assert.Equal(scenario.ImageIds.Count, comparison.Images);
            Assert.Equal(comparison.Differing, comparison.Differences.Count);
            Assert.True(comparison.Differing > 0);
            Assert.All(comparison.Differences, d => Assert.NotEqual(d.A, d.B));
            Assert.Equal(HttpStatusCode.OK, csv.StatusCode);
            Assert.StartsWith("ImageID,a,b,a_name,b_name,flips\n", csvText, StringComparison.Ordinal);
            Assert.DoesNotContain("truth", csvText, StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task Compare_OtherTeamsSubmission_IsNotFound()
    {
        // Arrange
        var (scenario, ofA, ofB) = await ScoredAsync();
        using var token = factory.WithToken(scenario.A.Token);
        using var member = await factory.SignInAsync(scenario.A.FirstMember);

        // Act
        var statuses = new List<HttpStatusCode>();
        foreach (var client in new[] { token, member })
        {
            foreach (var path in new[]
                     {
                         $"/api/v1/submissions/{ofA[0]}/compare/{ofB}", $"/api/v1/submissions/{ofB}/compare/{ofA[0]}",
                         $"/api/v1/submissions/{ofA[0]}/compare/{ofB}/differences.csv",
                     })
            {
                using var response = await client.GetPathAsync(path);
                statuses.Add(response.StatusCode);
            }
        }

        // Assert
        Assert.All(statuses, s => Assert.Equal(HttpStatusCode.NotFound, s));
    }

    [Fact]
    public async Task Compare_Host_GetsJudgedComparisonOverAllImagesWithTruth()
    {
        // Arrange
        var (scenario, ofA, ofB) = await ScoredAsync();
        using var host = await factory.SignInAsHostAsync();

        // Act
        var comparison = await host.GetJsonAsync<ApiComparison>($"/api/v1/submissions/{ofA[0]}/compare/{ofB}");

        // Assert
        var judged = Assert.IsType<ApiJudgedComparison>(comparison.Judged);
        Assert.Equal(scenario.ImageIds.Count, judged.Images);
        Assert.Equal(scenario.ImageIds.Count, judged.McNemar.BothCorrect + judged.McNemar.OnlyACorrect + judged.McNemar.OnlyBCorrect + judged.McNemar.BothWrong);
        Assert.False(string.IsNullOrWhiteSpace(judged.Bootstrap.Verdict));
        Assert.All(comparison.Differences, d => Assert.NotNull(d.Truth));
    }

    [Fact]
    public async Task Compare_PublicPerClassAllowed_JudgesPublicSplitOnlyWithoutPerImageTruth()
    {
        // Arrange
        var (scenario, ofA, _) = await ScoredAsync();
        await SetShowPublicPerClassAsync(scenario.CompetitionId);
        using var token = factory.WithToken(scenario.A.Token);

        // Act
        var comparison = await token.GetJsonAsync<ApiComparison>($"/api/v1/submissions/{ofA[0]}/compare/{ofA[1]}");

        // Assert
        var judged = Assert.IsType<ApiJudgedComparison>(comparison.Judged);
        Assert.Equal(scenario.Hidden.Split.PublicPositions.Length, judged.Images);
        Assert.All(comparison.Differences, d => Assert.Null(d.Truth));
    }

    [Fact]
    public async Task Compare_ParticipantAfterClose_SeesCorrectnessOfOwnSubmissions()
    {
        // Arrange
        var (scenario, ofA, _) = await ScoredAsync();
        using var token = factory.WithToken(scenario.A.Token);
        await factory.Services.GetRequiredService<CompetitionService>().CloseAsync(scenario.CompetitionId, Ct);

        // Act
        var comparison = await token.GetJsonAsync<ApiComparison>($"/api/v1/submissions/{ofA[0]}/compare/{ofA[1]}");

        // Assert
        Assert.NotNull(comparison.Judged);
        Assert.Equal(scenario.ImageIds.Count, comparison.Judged.Images);
        Assert.All(comparison.Differences, d => Assert.NotNull(d.Truth));
    }

    [Fact]
    public async Task ComparePage_ParticipantDuringCompetition_ShowsNoTruthColumnOrMcNemar()
    {
        // Arrange
        var (scenario, ofA, _) = await ScoredAsync();
        using var member = await factory.SignInAsync(scenario.A.FirstMember);

        // Act
        var page = await member.GetTextAsync($"/c/{scenario.Slug}/compare?a={ofA[0]}&b={ofA[1]}");

        // Assert
        Assert.Contains("data-testid=\"agreement-rate\"", page, StringComparison.Ordinal);
        Assert.Contains("data-testid=\"judged-unavailable\"", page, StringComparison.Ordinal);
        Assert.DoesNotContain("data-testid=\"mcnemar\"", page, StringComparison.Ordinal);
        Assert.DoesNotContain("<th style=\"text-align: left;\">Truth</th>", page, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Compare_BothSubmissionsPredictOneClass_KappaIsNullWithTheReasonAndThePageSaysUndefined()
    {
        // Arrange
        var scenario = await new ScenarioBuilder(factory).BuildAsync();
        using var a = factory.WithToken(scenario.A.Token);
        var allFour = Enumerable.Repeat((byte)4, scenario.ImageIds.Count).ToArray();
        var first = await a.SubmitAcceptedAsync(scenario.Slug, scenario.Csv(allFour), "all class 4");
        // The same predictions in another row order: another file, so not refused as the same submission.
        var second = await a.SubmitAcceptedAsync(scenario.Slug, SubmissionCsv.Labels(scenario.ImageIds.Reverse().ToList(), allFour), "all class 4 again");
        Assert.Equal("scored", (await a.WaitUntilDoneAsync(first)).Status);
        Assert.Equal("scored", (await a.WaitUntilDoneAsync(second)).Status);
        using var member = await factory.SignInAsync(scenario.A.FirstMember);

        // Act
        using var response = await a.GetPathAsync($"/api/v1/submissions/{first}/compare/{second}");
        var body = await response.Content.ReadAsStringAsync(Ct);
        var page = await member.GetTextAsync($"/c/{scenario.Slug}/compare?a={first}&b={second}");

        // Assert
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        using var json = JsonDocument.Parse(body);
        Assert.Equal(JsonValueKind.Null, json.RootElement.GetProperty("kappa").ValueKind);
        // The same reason as the page's and `portal diff`'s, from the one place that words it.
        const string Reason = "both submissions predict a single class, so chance agreement is 1";
        Assert.Equal(Reason, json.RootElement.GetProperty("kappaUndefined").GetString());
        Assert.Equal(1.0, json.RootElement.GetProperty("agreement").GetDouble());
        Assert.Contains(Reason, page, StringComparison.Ordinal);
    }

    private async Task SetShowPublicPerClassAsync(int competitionId)
    {
        await using var db = await factory.DbAsync();
        var competition = await db.Competitions.SingleAsync(c => c.Id == competitionId, Ct);
        competition.ShowPublicPerClass = true;
        await db.SaveChangesAsync(Ct);
    }

    /// <summary>Team A with two scored submissions that differ, team B with one.</summary>
    private async Task<(Scenario Scenario, int[] OfA, int OfB)> ScoredAsync()
    {
        var scenario = await new ScenarioBuilder(factory).BuildAsync();
        using var a = factory.WithToken(scenario.A.Token);
        using var b = factory.WithToken(scenario.B.Token);
        var ofA = new[]
        {
            await a.SubmitAcceptedAsync(scenario.Slug, scenario.Csv(scenario.Predict(0.9, 0.35))),
            await a.SubmitAcceptedAsync(scenario.Slug, scenario.Csv(scenario.Predict(0.6, 0.8))),
        };
        var ofB = await b.SubmitAcceptedAsync(scenario.Slug, scenario.Csv(scenario.Predict(0.75, 0.55)));
        foreach (var id in ofA)
        {
            Assert.Equal("scored", (await a.WaitUntilDoneAsync(id)).Status);
        }

        Assert.Equal("scored", (await b.WaitUntilDoneAsync(ofB)).Status);
        return (scenario, ofA, ofB);
    }

    private static void AssertNoCorrectness(JsonElement element)
    {
        switch (element.ValueKind)
        {
            case JsonValueKind.Object:
                foreach (var property in element.EnumerateObject())
                {
                    Assert.False(CorrectnessProperties.Contains(property.Name, StringComparer.OrdinalIgnoreCase), $"The comparison has a '{property.Name}' property.");
                    AssertNoCorrectness(property.Value);
                }

                break;
            case JsonValueKind.Array:
                foreach (var item in element.EnumerateArray())
                {
                    AssertNoCorrectness(item);
                }

                break;
        }
    }
}
