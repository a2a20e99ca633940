using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Portal.Web.Api;
using Portal.Application.Teams;
using Portal.Web.Tests.Support;

namespace Portal.Web.Tests.Api;

/// <summary>A wrong file is refused at once, with every problem by line, and costs nothing.</summary>
[AlsoOnPostgres]
public sealed class InvalidUploadTests(PortalFactory factory) : IClassFixture<PortalFactory>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Submit_DuplicateIdAndBadLabel_Returns400WithProblemsByLine()
    {
        // Arrange
        var scenario = await new ScenarioBuilder(factory).BuildAsync();
        using var client = factory.WithToken(scenario.A.Token);
        var csv = SubmissionCsv.WithDuplicateIdAndBadLabel(scenario.ImageIds);

        // Act
        using var response = await client.SubmitAsync(scenario.Slug, csv);

        // Assert
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var refusal = await response.Content.ReadFromJsonAsync<ApiRefusal>(PortalHttp.Json, Ct);
        Assert.NotNull(refusal);
        Assert.Equal(("Invalid submission", 400), (refusal.Title, refusal.Status));
        Assert.Equal(refusal.Problems.Count, refusal.TotalProblems);

        var badLabel = Assert.Single(refusal.Problems, p => p.Code == "NotAnInteger");
        Assert.Equal(3, badLabel.Line);
        Assert.Equal("ans", badLabel.Column);
        Assert.Contains("banana", badLabel.Message, StringComparison.Ordinal);

        var duplicate = Assert.Single(refusal.Problems, p => p.Code == "DuplicateImageId");
        Assert.Equal(4, duplicate.Line);
        Assert.Contains("line 2", duplicate.Message, StringComparison.Ordinal);

        var missing = Assert.Single(refusal.Problems, p => p.Code == "MissingImageIds");
        Assert.Contains(scenario.ImageIds[2], missing.Message, StringComparison.Ordinal);
        Assert.Null(missing.Line);
    }

    [Fact]
    public async Task Submit_EmptyFile_IsAProblemDetailWhoseWholeFileProblemHasNoLine()
    {
        // Arrange
        var scenario = await new ScenarioBuilder(factory).BuildAsync();
        using var client = factory.WithToken(scenario.A.Token);

        // Act
        using var response = await client.SubmitAsync(scenario.Slug, "");
        using var frameworkProblem = await client.GetAsync($"/api/v1/competitions/{scenario.Slug}/leaderboard?board=nope", Ct);

        // Assert: RFC 9457 members, with the type the API's other 400 problems carry, and the extra members kept.
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        using var body = JsonDocument.Parse(await response.Content.ReadAsStringAsync(Ct));
        var root = body.RootElement;
        using var other = JsonDocument.Parse(await frameworkProblem.Content.ReadAsStringAsync(Ct));
        Assert.Equal(other.RootElement.GetProperty("type").GetString(), root.GetProperty("type").GetString());
        Assert.Equal(400, root.GetProperty("status").GetInt32());
        Assert.Equal("Invalid submission", root.GetProperty("title").GetString());
        Assert.Equal("The file has a problem:", root.GetProperty("detail").GetString());
        Assert.Equal(1, root.GetProperty("totalProblems").GetInt32());
        var problem = Assert.Single(root.GetProperty("problems").EnumerateArray().ToList());
        Assert.Equal("EmptyFile", problem.GetProperty("code").GetString());
        Assert.False(problem.TryGetProperty("line", out _), "A problem of the whole file has no line, not line 0.");
    }

    [Fact]
    public async Task Submit_TwoCsvsInOneRequest_400NamingBothAndStoresNeither()
    {
        // Arrange: two valid, different CSVs under the one field; the second used to be dropped without a word.
        var scenario = await new ScenarioBuilder(factory).BuildAsync();
        using var client = factory.WithToken(scenario.A.Token);
        using var form = new MultipartFormDataContent();
        form.Add(new StringContent(scenario.Csv(scenario.Predict(1, 1))), "file", "good.csv");
        form.Add(new StringContent(scenario.Csv(scenario.Predict(2, 2))), "file", "other.csv");

        // Act
        using var response = await client.PostAsync(new Uri($"/api/v1/competitions/{scenario.Slug}/submissions", UriKind.Relative), form, Ct);

        // Assert
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var refusal = await response.Content.ReadFromJsonAsync<ApiRefusal>(PortalHttp.Json, Ct);
        Assert.Contains("2 files (good.csv, other.csv)", refusal!.Detail, StringComparison.Ordinal);
        await using var db = await factory.DbAsync();
        Assert.False(await db.Submissions.AnyAsync(s => s.CompetitionId == scenario.CompetitionId, Ct));
        Assert.Empty(factory.TemporaryFiles());
    }

    [Theory]
    [InlineData("duplicate-and-bad-label")]
    [InlineData("empty")]
    [InlineData("wrong-header")]
    [InlineData("semicolons")]
    public async Task Submit_InvalidCsv_StoresNothingAndKeepsQuota(string kind)
    {
        // Arrange
        var scenario = await new ScenarioBuilder(factory).BuildAsync();
        using var client = factory.WithToken(scenario.A.Token);
        var valid = scenario.Csv(scenario.Predict(1, 1));
        var csv = kind switch
        {
            "duplicate-and-bad-label" => SubmissionCsv.WithDuplicateIdAndBadLabel(scenario.ImageIds),
            "empty" => "",
            "wrong-header" => valid.Replace("ImageID,ans", "id,label", StringComparison.Ordinal),
            _ => valid.Replace(',', ';'),
        };

        // Act
        using var response = await client.SubmitAsync(scenario.Slug, csv);

        // Assert
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var refusal = await response.Content.ReadFromJsonAsync<ApiRefusal>(PortalHttp.Json, Ct);
        Assert.False(string.IsNullOrWhiteSpace(refusal?.Detail));

        await using var db = await factory.DbAsync();
        Assert.False(await db.Submissions.AnyAsync(s => s.CompetitionId == scenario.CompetitionId, Ct));
        Assert.False(await db.Jobs.AnyAsync(j => j.CompetitionId == scenario.CompetitionId, Ct));
        var team = await factory.Services.GetRequiredService<TeamService>().FindAsync(scenario.A.Id, Ct);
        Assert.Equal(0, team!.UsedToday);
        Assert.Empty(factory.StoredFiles($"submissions/{scenario.CompetitionId}"));
        Assert.Empty(factory.TemporaryFiles());
    }
}
