using System.Net;
using System.Net.Http.Json;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.DependencyInjection;
using Portal.Application.Teams;
using Portal.Web.Tests.Support;

namespace Portal.Web.Tests.Security;

/// <summary>A refused API call says why, as an RFC 9457 problem, however early in the pipeline it was refused.</summary>
public sealed class ApiProblemTests(RateLimitedPortalFactory factory) : IClassFixture<RateLimitedPortalFactory>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Submit_RotatedToken_401ProblemSaysTheTokenIsNotValid()
    {
        // Arrange
        var scenario = await new ScenarioBuilder(factory).BuildAsync();
        await factory.Services.GetRequiredService<TeamService>().RotateTokenAsync(scenario.A.Id, Ct);
        using var client = factory.WithToken(scenario.A.Token);

        // Act
        using var response = await client.SubmitAsync(scenario.Slug, scenario.Csv(scenario.Predict(1, 1)));

        // Assert
        var problem = await ProblemAsync(response, HttpStatusCode.Unauthorized);
        Assert.Contains("not valid", problem.Detail, StringComparison.Ordinal);
        Assert.Contains("rotated", problem.Detail, StringComparison.Ordinal);
        Assert.Equal("Bearer error=\"invalid_token\"", response.Headers.WwwAuthenticate.ToString());
    }

    [Fact]
    public async Task Request_FieldOfTheWrongTypeBrokenJsonOrBadQueryValue_400NamingWhatToFix()
    {
        // Arrange
        var scenario = await new ScenarioBuilder(factory).BuildAsync();
        using var client = factory.WithToken(scenario.A.Token);
        var ensembles = new Uri($"/api/v1/competitions/{scenario.Slug}/ensembles", UriKind.Relative);

        // Act
        using var wrongType = await client.PostAsync(ensembles,
            new StringContent("{\"method\": \"hard\", \"members\": [{\"id\": \"one\", \"weight\": 1}]}", System.Text.Encoding.UTF8, "application/json"), Ct);
        using var broken = await client.PostAsync(ensembles,
            new StringContent("{\"method\": \"hard\",\n \"members\": [", System.Text.Encoding.UTF8, "application/json"), Ct);
        using var badQuery = await client.GetPathAsync($"/api/v1/competitions/{scenario.Slug}/validation-gap?team=abc");

        // Assert
        Assert.Equal("The field 'members[0].id' has a value of the wrong type: it must be a whole number.", (await ProblemAsync(wrongType, HttpStatusCode.BadRequest)).Detail);
        Assert.StartsWith("The body is not valid JSON (line 2, column", (await ProblemAsync(broken, HttpStatusCode.BadRequest)).Detail, StringComparison.Ordinal);
        Assert.Equal("The parameter 'team' must be a whole number; 'abc' is not.", (await ProblemAsync(badQuery, HttpStatusCode.BadRequest)).Detail);
    }

    [Fact]
    public async Task Read_GarbageToken_401Problem()
    {
        // Arrange
        using var client = factory.WithToken("pt_not-a-token");

        // Act
        using var response = await client.GetPathAsync("/api/v1/submissions/1");

        // Assert
        var problem = await ProblemAsync(response, HttpStatusCode.Unauthorized);
        Assert.Contains("not valid", problem.Detail, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Submit_NoToken_401ProblemSaysHowToSendOne()
    {
        // Arrange
        var scenario = await new ScenarioBuilder(factory).BuildAsync();
        using var client = factory.Anonymous();

        // Act
        using var response = await client.SubmitAsync(scenario.Slug, scenario.Csv(scenario.Predict(1, 1)));

        // Assert
        var problem = await ProblemAsync(response, HttpStatusCode.Unauthorized);
        Assert.Contains("Authorization: Bearer", problem.Detail, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Submit_OverTheRateLimit_429ProblemWithRetryAfter()
    {
        // Arrange
        var scenario = await new ScenarioBuilder(factory).BuildAsync();
        using var client = factory.WithToken(scenario.A.Token);
        for (var i = 0; i < RateLimitedPortalFactory.Permits; i++)
        {
            await client.SubmitAcceptedAsync(scenario.Slug, scenario.Csv(scenario.Predict(1 - i * 0.05, 1)));
        }

        // Act
        using var response = await client.SubmitAsync(scenario.Slug, scenario.Csv(scenario.Predict(0.5, 0.5)));

        // Assert
        var problem = await ProblemAsync(response, HttpStatusCode.TooManyRequests);
        Assert.Contains("Try again in", problem.Detail, StringComparison.Ordinal);
        var retryAfter = response.Headers.RetryAfter?.Delta;
        Assert.NotNull(retryAfter);
        Assert.InRange(retryAfter.Value, TimeSpan.FromSeconds(1), TimeSpan.FromMinutes(1));
    }

    [Fact]
    public async Task Get_NoSuchApiAddress_404Problem()
    {
        // Arrange
        using var client = factory.Anonymous();

        // Act
        using var response = await client.GetPathAsync("/api/v1/competitions/no-such-competition/leaderboard");

        // Assert
        var problem = await ProblemAsync(response, HttpStatusCode.NotFound);
        Assert.False(string.IsNullOrWhiteSpace(problem.Detail));
    }

    private static async Task<ProblemDetails> ProblemAsync(HttpResponseMessage response, HttpStatusCode status)
    {
        Assert.Equal(status, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var problem = await response.Content.ReadFromJsonAsync<ProblemDetails>(PortalHttp.Json, Ct);
        Assert.NotNull(problem);
        Assert.Equal((int)status, problem.Status);
        Assert.False(string.IsNullOrWhiteSpace(problem.Title));
        Assert.NotNull(problem.Detail);
        Assert.EndsWith(".", problem.Detail, StringComparison.Ordinal);
        return problem;
    }
}
