using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Portal.Web.Api;
using Portal.Web.Tests.Support;

namespace Portal.Web.Tests.Api;

/// <summary>The HTTP API as a team's script uses it: list, submit, poll, read the board, download.</summary>
[AlsoOnPostgres]
public sealed class ApiEndToEndTests(PortalFactory factory) : IClassFixture<PortalFactory>
{
    [Fact]
    public async Task Submission_ValidCsvWithToken_IsScoredRankedAndDownloadable()
    {
        // Arrange
        var scenario = await new ScenarioBuilder(factory).BuildAsync();
        var predicted = scenario.Predict(publicRight: 0.7, privateRight: 0.4);
        var csv = scenario.Csv(predicted);
        using var team = factory.WithToken(scenario.A.Token);
        using var anonymous = factory.Anonymous();

        // Act
        var competitions = await anonymous.GetJsonAsync<List<ApiCompetition>>("/api/v1/competitions");
        using var upload = await team.SubmitAsync(scenario.Slug, csv, "first try");
        var accepted = await upload.Content.ReadFromJsonAsync<ApiSubmissionAccepted>(PortalHttp.Json, TestContext.Current.CancellationToken);
        var scored = await team.WaitUntilDoneAsync(accepted!.Id);
        var board = await anonymous.GetJsonAsync<ApiLeaderboard>($"/api/v1/competitions/{scenario.Slug}/leaderboard");
        var file = await team.GetByteArrayAsync(new Uri($"/api/v1/submissions/{accepted.Id}/file", UriKind.Relative), TestContext.Current.CancellationToken);
        using var raw = System.Text.Json.JsonDocument.Parse(await team.GetStringAsync(new Uri($"/api/v1/submissions/{accepted.Id}", UriKind.Relative), TestContext.Current.CancellationToken));

        // Assert
        var listed = Assert.Single(competitions, c => c.Slug == scenario.Slug);
        Assert.Equal("open", listed.State);
        Assert.Equal(200, listed.Images);
        Assert.Equal(18, listed.Classes);
        Assert.Equal(2, listed.Teams);

        // A CSV is scored in its request: 201, with the public score already there.
        Assert.Equal(HttpStatusCode.Created, upload.StatusCode);
        Assert.Equal($"/api/v1/submissions/{accepted.Id}", upload.Headers.Location?.OriginalString);
        Assert.Equal("scored", accepted.Status);
        Assert.Equal(scenario.PublicScore(predicted), accepted.PublicScore!.Value, 12);

        Assert.Equal("scored", scored.Status);
        // PRODUCT.md: status and kind values lower case, times UTC with Z, whatever the database keeps.
        Assert.Equal("labels-csv", scored.Kind);
        Assert.EndsWith("Z", raw.RootElement.GetProperty("createdAtUtc").GetString(), StringComparison.Ordinal);
        Assert.Null(scored.Error);
        Assert.Equal("Team A", scored.Team);
        Assert.Equal("first try", scored.Description);
        Assert.Equal(scenario.PublicScore(predicted), scored.PublicScore!.Value, 12);
        Assert.Null(scored.PrivateScore);

        var row = Assert.Single(board.Rows);
        Assert.Equal("public", board.Board);
        Assert.Equal(1, row.Rank);
        Assert.Equal("Team A", row.Team);
        Assert.Equal(scored.PublicScore.Value, row.Score, 12);
        Assert.Equal(1, row.Entries);
        Assert.False(row.Baseline);

        Assert.Equal(Encoding.UTF8.GetBytes(csv), file);
    }

    [Fact]
    public async Task Healthz_Anonymous_ReportsHealthy()
    {
        // Arrange
        using var client = factory.Anonymous();

        // Act
        using var response = await client.GetPathAsync("/healthz");

        // Assert
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        using var body = JsonDocument.Parse(await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken));
        Assert.Equal("healthy", body.RootElement.GetProperty("status").GetString());
    }

    [Fact]
    public async Task OpenApiDocument_Anonymous_ListsEveryEndpoint()
    {
        // Arrange
        using var client = factory.Anonymous();

        // Act
        using var response = await client.GetPathAsync("/openapi/v1.json");

        // Assert
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        using var document = JsonDocument.Parse(await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken));
        var paths = document.RootElement.GetProperty("paths");
        string[] expected =
        [
            "/api/v1/competitions",
            "/api/v1/competitions/{slug}/leaderboard",
            "/api/v1/competitions/{slug}/sample-submission",
            "/api/v1/competitions/{slug}/submissions",
            "/api/v1/competitions/{slug}/images/{imageId}/thumbnail",
            "/api/v1/competitions/{slug}/images/{imageId}/large",
            "/api/v1/submissions/{id}",
            "/api/v1/submissions/{id}/file",
            "/api/v1/competitions/{slug}/ids",
            "/api/v1/competitions/{slug}/hidden-set",
            "/api/v1/competitions/{slug}/teams/{teamId}/daily-limit",
            "/healthz",
        ];
        foreach (var path in expected)
        {
            Assert.True(paths.TryGetProperty(path, out _), $"The OpenAPI document does not list {path}.");
        }

        // Tokens are declared (the API page offers a field for them), and answers are documented with their real codes.
        var scheme = document.RootElement.GetProperty("components").GetProperty("securitySchemes").GetProperty("bearer");
        Assert.Equal(("http", "bearer"), (scheme.GetProperty("type").GetString(), scheme.GetProperty("scheme").GetString()));
        Assert.True(paths.GetProperty("/api/v1/competitions").GetProperty("post").GetProperty("responses").TryGetProperty("201", out _));
        Assert.True(paths.GetProperty("/api/v1/competitions/{slug}/rescore").GetProperty("post").GetProperty("responses").TryGetProperty("202", out _));

        var submit = paths.GetProperty("/api/v1/competitions/{slug}/submissions").GetProperty("post");
        Assert.True(submit.GetProperty("requestBody").GetProperty("content").TryGetProperty("multipart/form-data", out _));
    }
}
