using System.Globalization;
using System.Net;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Portal.Web.Api;
using Portal.Application.Competitions;
using Portal.Web.Tests.Support;

namespace Portal.Web.Tests.Api;

/// <summary>
/// During the competition nothing a participant can fetch holds a private score, a label of the
/// hidden set or anything per image; after the close their private scores appear.
/// </summary>
[AlsoOnPostgres]
public sealed class HiddenDataTests(PortalFactory factory) : IClassFixture<PortalFactory>
{
    /// <summary>JSON properties that would carry labels or per-image data.</summary>
    private static readonly string[] ForbiddenProperties =
        ["labels", "label", "truth", "ans", "predictions", "probabilities", "correct", "perImage", "imageIds", "privateDetails", "publicDetails", "confusion", "perClass"];

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task ParticipantResponses_DuringCompetition_HoldNoPrivateScoreLabelsOrPerImageData()
    {
        // Arrange
        var (scenario, submissions) = await ScoredScenarioAsync();
        using var token = factory.WithToken(scenario.A.Token);
        using var member = await factory.SignInAsync(scenario.A.FirstMember);
        var privateScores = await PrivateScoresAsync(scenario);
        var paths = ParticipantPaths(scenario, submissions);

        // Act
        var responses = new List<(string Caller, string Path, HttpStatusCode Status, string Body)>();
        foreach (var (caller, client) in new[] { ("token", token), ("member", member) })
        {
            foreach (var path in paths)
            {
                using var response = await client.GetPathAsync(path);
                responses.Add((caller, path, response.StatusCode, await response.Content.ReadAsStringAsync(Ct)));
            }
        }

        // Assert
        foreach (var (caller, path, status, body) in responses)
        {
            var where = $"{path} for the team's {caller}";
            Assert.True(status is HttpStatusCode.OK or HttpStatusCode.Forbidden, $"{where} answered {(int)status}.");
            foreach (var score in privateScores)
            {
                Assert.DoesNotContain(score.ToString("0.0000", CultureInfo.InvariantCulture), body, StringComparison.Ordinal);
                Assert.DoesNotContain(score.ToString("R", CultureInfo.InvariantCulture), body, StringComparison.Ordinal);
            }

            foreach (var id in scenario.ImageIds)
            {
                Assert.False(body.Contains(id, StringComparison.Ordinal), $"{where} names the hidden image {id}.");
            }

            if (path.StartsWith("/api/", StringComparison.Ordinal))
            {
                using var json = JsonDocument.Parse(body);
                AssertNoHiddenData(json.RootElement, where);
            }
        }

        // The crawl saw the real content: the team's history shows its public scores.
        var history = responses.First(r => r.Caller == "member" && r.Path.EndsWith("/submissions", StringComparison.Ordinal));
        Assert.Equal(2, CountOf("data-testid=\"submission-row\"", history.Body));
        foreach (var score in await PublicScoresAsync(scenario.A.Id))
        {
            Assert.Contains(score.ToString("0.0000", CultureInfo.InvariantCulture), history.Body, StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task SampleSubmission_Anyone_ListsEveryImageSortedWithClassZero()
    {
        // Arrange
        var scenario = await new ScenarioBuilder(factory).BuildAsync();
        using var client = factory.WithToken(scenario.B.Token);

        // Act
        using var response = await client.GetPathAsync($"/api/v1/competitions/{scenario.Slug}/sample-submission");
        var text = await response.Content.ReadAsStringAsync(Ct);

        // Assert
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/csv", response.Content.Headers.ContentType?.MediaType);
        var lines = text.Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(l => l.TrimEnd('\r')).ToList();
        Assert.Equal("ImageID,ans", lines[0]);
        var rows = lines.Skip(1).Select(l => l.Split(',')).ToList();
        var ids = rows.Select(r => r[0]).ToList();
        Assert.Equal(scenario.ImageIds.Order(StringComparer.Ordinal), ids);
        Assert.All(rows, r => Assert.Equal("0", r[1]));
    }

    [Fact]
    public async Task ImageIds_AnyoneOnAnyCompetition_ListsEveryImageSortedAndTheDataTabLinksThem()
    {
        // Arrange: a competition made by a host, not the demo
        var scenario = await new ScenarioBuilder(factory).BuildAsync();
        using var client = factory.Anonymous();

        // Act
        using var response = await client.GetPathAsync($"/api/v1/competitions/{scenario.Slug}/ids");
        var text = await response.Content.ReadAsStringAsync(Ct);
        var page = await client.GetTextAsync($"/c/{scenario.Slug}/data");

        // Assert
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/csv", response.Content.Headers.ContentType?.MediaType);
        var lines = text.Split('\n', StringSplitOptions.RemoveEmptyEntries).ToList();
        Assert.Equal("ImageID", lines[0]);
        Assert.Equal(scenario.ImageIds.Order(StringComparer.Ordinal), lines.Skip(1));
        Assert.Contains($"{scenario.ImageIds.Count:N0} test images", page, StringComparison.Ordinal);
        Assert.Contains($"api/v1/competitions/{scenario.Slug}/ids", page, StringComparison.Ordinal);
        Assert.Contains($"api/v1/competitions/{scenario.Slug}/sample-submission", page, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ParticipantResponses_AfterClose_ShowOwnPrivateScores()
    {
        // Arrange
        var (scenario, submissions) = await ScoredScenarioAsync();
        using var token = factory.WithToken(scenario.A.Token);
        using var member = await factory.SignInAsync(scenario.A.FirstMember);
        await using var db = await factory.DbAsync();
        var stored = await db.Submissions.Where(s => s.TeamId == scenario.A.Id).ToDictionaryAsync(s => s.Id, s => s.PrivateScore!.Value, Ct);

        // Act
        await factory.Services.GetRequiredService<CompetitionService>().CloseAsync(scenario.CompetitionId, Ct);
        var views = new List<ApiSubmission>();
        foreach (var id in submissions)
        {
            views.Add(await token.GetJsonAsync<ApiSubmission>($"/api/v1/submissions/{id}"));
        }

        var page = await member.GetTextAsync($"/c/{scenario.Slug}/submissions");
        var board = await token.GetJsonAsync<ApiLeaderboard>($"/api/v1/competitions/{scenario.Slug}/leaderboard?board=private");

        // Assert
        Assert.All(views, v => Assert.Equal(stored[v.Id], v.PrivateScore));
        foreach (var score in stored.Values)
        {
            Assert.Contains(score.ToString("0.0000", CultureInfo.InvariantCulture), page, StringComparison.Ordinal);
        }

        Assert.Equal("private", board.Board);
        Assert.Equal(["Team A", "Team B"], board.Rows.Select(r => r.Team).Order());
    }

    /// <summary>A scenario where team A has two scored submissions and team B one, with private scores unlike any public one.</summary>
    private async Task<(Scenario Scenario, int[] SubmissionsOfA)> ScoredScenarioAsync()
    {
        var scenario = await new ScenarioBuilder(factory).BuildAsync();
        byte[][] predictionsOfA = [scenario.Predict(0.9, 0.35), scenario.Predict(0.6, 0.8)];
        var predictionOfB = scenario.Predict(0.75, 0.55);
        var publicScores = predictionsOfA.Append(predictionOfB).Select(scenario.PublicScore).ToList();
        var privateScores = predictionsOfA.Append(predictionOfB).Select(scenario.PrivateScore).ToList();
        foreach (var p in privateScores.Select(s => s.ToString("0.0000", CultureInfo.InvariantCulture)))
        {
            // Otherwise a public score shown could look like a private one leaking.
            Assert.DoesNotContain(publicScores, s => s.ToString("R", CultureInfo.InvariantCulture).StartsWith(p, StringComparison.Ordinal));
        }

        using var a = factory.WithToken(scenario.A.Token);
        using var b = factory.WithToken(scenario.B.Token);
        var ids = new List<int>();
        foreach (var predicted in predictionsOfA)
        {
            ids.Add(await a.SubmitAcceptedAsync(scenario.Slug, scenario.Csv(predicted)));
        }

        var idOfB = await b.SubmitAcceptedAsync(scenario.Slug, scenario.Csv(predictionOfB));
        foreach (var id in ids)
        {
            Assert.Equal("scored", (await a.WaitUntilDoneAsync(id)).Status);
        }

        Assert.Equal("scored", (await b.WaitUntilDoneAsync(idOfB)).Status);
        return (scenario, ids.ToArray());
    }

    private async Task<List<double>> PublicScoresAsync(int teamId)
    {
        await using var db = await factory.DbAsync();
        return await db.Submissions.Where(s => s.TeamId == teamId).Select(s => s.PublicScore!.Value).ToListAsync(Ct);
    }

    private static int CountOf(string text, string body)
    {
        var count = 0;
        for (var at = body.IndexOf(text, StringComparison.Ordinal); at >= 0; at = body.IndexOf(text, at + text.Length, StringComparison.Ordinal))
        {
            count++;
        }

        return count;
    }

    private async Task<List<double>> PrivateScoresAsync(Scenario scenario)
    {
        await using var db = await factory.DbAsync();
        var scores = await db.Submissions.Where(s => s.CompetitionId == scenario.CompetitionId).Select(s => s.PrivateScore).ToListAsync(Ct);
        Assert.All(scores, s => Assert.NotNull(s));
        return scores.Select(s => s!.Value).ToList();
    }

    /// <summary>Every API resource and page a participant reaches, but the sample submission and their own files (which name the images by design).</summary>
    private static List<string> ParticipantPaths(Scenario scenario, int[] submissions) =>
    [
        "/api/v1/competitions",
        $"/api/v1/competitions/{scenario.Slug}/leaderboard",
        $"/api/v1/competitions/{scenario.Slug}/leaderboard?board=public",
        $"/api/v1/competitions/{scenario.Slug}/leaderboard?board=private",
        $"/api/v1/competitions/{scenario.Slug}/leaderboard/intervals",
        $"/api/v1/competitions/{scenario.Slug}/leaderboard/intervals?board=private",
        .. submissions.Select(id => $"/api/v1/submissions/{id}"),
        $"/api/v1/competitions/{scenario.Slug}/compare?ids={string.Join(',', submissions)}",
        "/",
        $"/c/{scenario.Slug}",
        $"/c/{scenario.Slug}/data",
        $"/c/{scenario.Slug}/leaderboard",
        $"/c/{scenario.Slug}/leaderboard?board=private",
        $"/c/{scenario.Slug}/team",
        $"/c/{scenario.Slug}/submit",
        $"/c/{scenario.Slug}/submissions",
        $"/c/{scenario.Slug}/compare-many?ids={string.Join(',', submissions)}",
        $"/c/{scenario.Slug}/ensemble?ids={string.Join(',', submissions)}",
        $"/c/{scenario.Slug}/audit",
        // After the pages: the history lookup above takes the first path ending in /submissions.
        $"/api/v1/competitions/{scenario.Slug}",
        $"/api/v1/competitions/{scenario.Slug}/submissions",
        $"/api/v1/competitions/{scenario.Slug}/leaderboard/forecast",
        $"/api/v1/competitions/{scenario.Slug}/audit",
        $"/api/v1/competitions/{scenario.Slug}/audit?format=csv",
        $"/api/v1/competitions/{scenario.Slug}/audit.csv",
        .. submissions.Select(id => $"/api/v1/submissions/{id}/training-run"),
        $"/api/v1/competitions/{scenario.Slug}/validation-gap",
        $"/api/v1/competitions/{scenario.Slug}/final-picks",
    ];

    private static void AssertNoHiddenData(JsonElement element, string where)
    {
        switch (element.ValueKind)
        {
            case JsonValueKind.Object:
                foreach (var property in element.EnumerateObject())
                {
                    Assert.False(ForbiddenProperties.Contains(property.Name, StringComparer.OrdinalIgnoreCase), $"{where} has a '{property.Name}' property.");
                    if (property.NameEquals("privateScore"))
                    {
                        Assert.True(property.Value.ValueKind == JsonValueKind.Null, $"{where} shows a private score.");
                    }

                    AssertNoHiddenData(property.Value, where);
                }

                break;
            case JsonValueKind.Array:
                foreach (var item in element.EnumerateArray())
                {
                    AssertNoHiddenData(item, where);
                }

                break;
        }
    }
}
