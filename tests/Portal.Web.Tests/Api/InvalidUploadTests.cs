using System.Net;
using System.Net.Http.Json;
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
        var refusal = await response.Content.ReadFromJsonAsync<ApiRefusal>(PortalHttp.Json, Ct);
        Assert.NotNull(refusal);
        Assert.Equal("Invalid submission", refusal.Title);
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
