using System.Net;
using System.Net.Http.Json;
using Microsoft.EntityFrameworkCore;
using Portal.Application.Models;
using Portal.Web.Api;
using Portal.Web.Tests.Support;
using Portal.Web.Tests.Support.Onnx;

namespace Portal.Web.Tests.Models;

/// <summary>The portal whose model runner cannot start (its path names no file).</summary>
public sealed class NoRunnerPortalFactory : ModelPortalFactory
{
    protected override IReadOnlyDictionary<string, string> Settings { get; } = new Dictionary<string, string>
    {
        ["Inference:RunnerPath"] = Path.Combine(Path.GetTempPath(), "no-such-runner", "Portal.Sandbox.dll"),
    };
}

/// <summary>When the server cannot check a model (its runner does not start), the upload is its fault: 503 with a sentence, nothing stored or counted.</summary>
public sealed class RunnerUnavailableTests(NoRunnerPortalFactory factory) : IClassFixture<NoRunnerPortalFactory>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task SubmitModel_RunnerMissing_503WithRetryAfterAndNothingTaken()
    {
        // Arrange
        var scenario = await new ScenarioBuilder(factory).BuildAsync();
        using var client = factory.WithToken(scenario.A.Token);

        // Act
        using var response = await client.SubmitModelAsync(scenario.Slug, [("bins.onnx", TinyModels.Binning(0, 18))]);

        // Assert
        Assert.Equal(HttpStatusCode.ServiceUnavailable, response.StatusCode);
        Assert.NotNull(response.Headers.RetryAfter?.Delta);
        var refusal = await response.Content.ReadFromJsonAsync<ApiRefusal>(PortalHttp.Json, Ct);
        Assert.Equal(ModelSubmissionService.UnavailableSentence, refusal!.Detail);
        Assert.DoesNotContain("no-such-runner", await response.Content.ReadAsStringAsync(Ct), StringComparison.Ordinal);
        await using var db = await factory.DbAsync();
        Assert.False(await db.Submissions.AnyAsync(s => s.TeamId == scenario.A.Id, Ct));
        Assert.Equal(0, await db.DailyQuotas.Where(q => q.TeamId == scenario.A.Id).SumAsync(q => q.Used, Ct));
        Assert.Empty(factory.StoredFiles($"submissions/{scenario.CompetitionId}"));
    }
}
