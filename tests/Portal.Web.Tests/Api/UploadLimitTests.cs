using System.Net;
using System.Net.Http.Json;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Portal.Core.Submissions;
using Portal.Web.Api;
using Portal.Application.Teams;
using Portal.Web.Tests.Support;

namespace Portal.Web.Tests.Api;

/// <summary>
/// An upload is held to its limit as it arrives: a body that declares too much is refused before it is read, and one
/// sent without a length is cut off at the limit of its files. Nothing of it is stored and the daily limit is untouched.
/// </summary>
[AlsoOnPostgres]
public sealed class UploadLimitTests(UploadLimitPortalFactory factory) : IClassFixture<UploadLimitPortalFactory>
{
    private const long GiB = 1024L * 1024 * 1024;

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Submit_DeclaresTenGiB_413NamingTheLimitsBeforeReading()
    {
        // Arrange
        var scenario = await new ScenarioBuilder(factory).BuildAsync();
        using var client = factory.WithToken(scenario.A.Token);
        using var upload = new StreamedUpload([("labels.csv", 10 * GiB)], declaredLength: 10 * GiB);

        // Act
        using var response = await PostAsync(client, scenario.Slug, upload);

        // Assert
        var problem = await ProblemAsync(response, HttpStatusCode.RequestEntityTooLarge);
        Assert.Contains(ByteSize.Format(10 * GiB), problem.Detail, StringComparison.Ordinal);
        Assert.Contains("64 KiB as a CSV", problem.Detail, StringComparison.Ordinal);
        Assert.InRange(upload.Sent, 0, UploadLimitPortalFactory.MaxCsvBytes);
        await AssertNothingTakenAsync(scenario);
    }

    [Fact]
    public async Task Submit_CsvDeclaringMoreThanTheCsvLimit_413NamingTheCsvLimit()
    {
        // Arrange: more than a CSV may be, less than a model submission: the first part's name decides.
        var scenario = await new ScenarioBuilder(factory).BuildAsync();
        using var client = factory.WithToken(scenario.A.Token);
        var limits = factory.Services.GetRequiredService<UploadLimits>();
        var declared = limits.CsvBody + 1;
        Assert.True(declared < limits.ModelBody);
        using var upload = new StreamedUpload([("labels.csv", declared)], declaredLength: declared);

        // Act
        using var response = await PostAsync(client, scenario.Slug, upload);

        // Assert
        var problem = await ProblemAsync(response, HttpStatusCode.RequestEntityTooLarge);
        Assert.Contains("a CSV submission may be at most 64 KiB", problem.Detail, StringComparison.Ordinal);
        Assert.InRange(upload.Sent, 0, UploadLimitPortalFactory.MaxCsvBytes);
        await AssertNothingTakenAsync(scenario);
    }

    [Fact]
    public async Task Submit_ChunkedCsvOverTheCsvLimit_CutOffAndRefused()
    {
        // Arrange
        var scenario = await new ScenarioBuilder(factory).BuildAsync();
        using var client = factory.WithToken(scenario.A.Token);
        var size = 1000 * UploadLimitPortalFactory.MaxCsvBytes;
        using var upload = new StreamedUpload([("labels.csv", size)]);

        // Act
        using var response = await PostAsync(client, scenario.Slug, upload);

        // Assert
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var refusal = await response.Content.ReadFromJsonAsync<ApiRefusal>(PortalHttp.Json, Ct);
        var problem = Assert.Single(refusal!.Problems);
        Assert.Equal("FileTooLarge", problem.Code);
        Assert.Contains("64 KiB", problem.Message, StringComparison.Ordinal);
        Assert.InRange(upload.Sent, UploadLimitPortalFactory.MaxCsvBytes, size / 10);
        await AssertNothingTakenAsync(scenario);
    }

    [Fact]
    public async Task Submit_ChunkedModelsOverTheModelSubmissionLimit_413()
    {
        // Arrange: each file within its limit, too many of them for the body.
        var scenario = await new ScenarioBuilder(factory).BuildAsync();
        using var client = factory.WithToken(scenario.A.Token);
        var limits = factory.Services.GetRequiredService<UploadLimits>();
        var count = (int)(limits.ModelBody / UploadLimitPortalFactory.MaxModelBytes) + 2;
        using var upload = new StreamedUpload(Enumerable.Range(0, count).Select(i => ($"fold{i}.onnx", UploadLimitPortalFactory.MaxModelBytes)).ToList());

        // Act
        using var response = await PostAsync(client, scenario.Slug, upload);

        // Assert
        var problem = await ProblemAsync(response, HttpStatusCode.RequestEntityTooLarge);
        Assert.Contains("a model submission may be at most 32 KiB per file", problem.Detail, StringComparison.Ordinal);
        // How far the client got before the answer depends on buffering; what matters is that the server stopped near the limit.
        Assert.InRange(upload.Sent, 0, limits.ModelBody + (4 * UploadLimitPortalFactory.MaxModelBytes));
        await AssertNothingTakenAsync(scenario);
    }

    [Fact]
    public async Task Submit_CsvWithinTheLimit_IsAccepted()
    {
        // Arrange
        var scenario = await new ScenarioBuilder(factory).BuildAsync();
        using var client = factory.WithToken(scenario.A.Token);

        // Act
        var id = await client.SubmitAcceptedAsync(scenario.Slug, scenario.Csv(scenario.Predict(1, 1)));

        // Assert
        Assert.Equal("scored", (await client.WaitUntilDoneAsync(id)).Status);
        Assert.Empty(factory.TemporaryFiles());
    }

    private static Task<HttpResponseMessage> PostAsync(HttpClient client, string slug, HttpContent content) =>
        client.PostAsync(new Uri($"/api/v1/competitions/{slug}/submissions", UriKind.Relative), content, Ct);

    private static async Task<ProblemDetails> ProblemAsync(HttpResponseMessage response, HttpStatusCode status)
    {
        Assert.Equal(status, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var problem = await response.Content.ReadFromJsonAsync<ProblemDetails>(PortalHttp.Json, Ct);
        Assert.NotNull(problem?.Detail);
        return problem;
    }

    private async Task AssertNothingTakenAsync(Scenario scenario)
    {
        await using var db = await factory.DbAsync();
        Assert.False(await db.Submissions.AnyAsync(s => s.CompetitionId == scenario.CompetitionId, Ct));
        var team = await factory.Services.GetRequiredService<TeamService>().FindAsync(scenario.A.Id, Ct);
        Assert.Equal(0, team!.UsedToday);
        Assert.Empty(factory.StoredFiles($"submissions/{scenario.CompetitionId}"));
        Assert.Empty(factory.TemporaryFiles());
    }
}
