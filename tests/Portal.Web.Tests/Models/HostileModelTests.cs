using System.Diagnostics;
using System.Net;
using System.Net.Http.Json;
using Microsoft.EntityFrameworkCore;
using Portal.Data.Entities;
using Portal.Inference.Tests.Onnx;
using Portal.Inference.Tests.Sandbox;
using Portal.Web.Api;
using Portal.Application.Models;
using Portal.Web.Tests.Support;
using Portal.Web.Tests.Support.Onnx;

namespace Portal.Web.Tests.Models;

/// <summary>The portal with small limits, so a hostile model's trap springs in seconds.</summary>
public sealed class HostilePortalFactory : ModelPortalFactory
{
    public const string MemoryLimit = "536870912";

    protected override IReadOnlyDictionary<string, string> Settings { get; } = new Dictionary<string, string>
    {
        ["Inference:MaxRunMemory"] = MemoryLimit,
        ["Inference:RunTimeLimit"] = "00:00:15",
    };
}

/// <summary>
/// A participant's model is untrusted code (PRODUCT.md): models that name a server file, never stop, or allocate
/// gigabytes are refused at upload or stopped with their reason, and an ordinary model submitted right after is scored.
/// </summary>
public sealed class HostileModelTests(HostilePortalFactory factory) : IClassFixture<HostilePortalFactory>
{
    private const int Classes = 18;
    private static readonly TimeSpan RunTimeout = TimeSpan.FromSeconds(60);

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public static TheoryData<string, string> ExternalData => new()
    {
        { "initializer", "data/portal.db" },
        { "constant", "appsettings.json" },
        { "subgraph", "Portal.Web.dll" },
    };

    [Theory]
    [MemberData(nameof(ExternalData))]
    public async Task SubmitModel_ExternalDataNamingAServerFile_RefusedWithHowToSaveOneFile(string placement, string location)
    {
        // Arrange
        var scenario = await new ScenarioBuilder(factory).BuildAsync();
        using var client = factory.WithToken(scenario.A.Token);
        var model = placement switch
        {
            "initializer" => HostileModels.ExternalInitializer(Classes, location),
            "constant" => HostileModels.ExternalConstant(Classes, location),
            _ => HostileModels.ExternalInSubgraph(Classes, location),
        };

        // Act
        using var response = await client.SubmitModelAsync(scenario.Slug, [("weights-elsewhere.onnx", model)]);

        // Assert
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var problem = Assert.Single((await response.Content.ReadFromJsonAsync<ApiRefusal>(PortalHttp.Json, Ct))!.Problems);
        Assert.Equal("InvalidModel", problem.Code);
        Assert.StartsWith("The model 'weights-elsewhere.onnx' was refused: The model keeps the data of tensor", problem.Message, StringComparison.Ordinal);
        Assert.Contains("save_as_external_data=False", problem.Message, StringComparison.Ordinal);
        Assert.DoesNotContain(location, problem.Message, StringComparison.Ordinal);
        Assert.DoesNotContain(factory.DataDirectory, problem.Message, StringComparison.Ordinal);
        await using var db = await factory.DbAsync();
        Assert.False(await db.Submissions.AnyAsync(s => s.CompetitionId == scenario.CompetitionId, Ct));
        Assert.Equal(0, await db.DailyQuotas.Where(q => q.TeamId == scenario.A.Id).SumAsync(q => q.Used, Ct));
    }

    [Fact]
    public async Task LoopBomb_Cancelled_StopsWithinSecondsCountsAndTheNextModelIsScored()
    {
        // Arrange
        var scenario = await new ScenarioBuilder(factory).BuildAsync();
        using var client = factory.WithToken(scenario.A.Token);
        var id = await client.SubmitModelAcceptedAsync(scenario.Slug, [("loop.onnx", HostileModels.LoopBomb(Classes))]);
        await RunnerProcesses.WaitForOneAsync(Runs, Ct);
        var clock = Stopwatch.StartNew();

        // Act
        using var response = await client.PostAsync(new Uri($"/api/v1/submissions/{id}/cancel", UriKind.Relative), null, Ct);
        while (RunnerProcesses.Under(Runs).Count > 0 && clock.Elapsed < TimeSpan.FromSeconds(10))
        {
            await Task.Delay(50, Ct);
        }

        // Assert
        Assert.Equal(HttpStatusCode.NoContent, response.StatusCode);
        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(5), $"The runner outlived its cancel: {clock.Elapsed}.");
        Assert.Equal("cancelled", (await client.GetJsonAsync<ApiSubmission>($"/api/v1/submissions/{id}")).Status);
        await AssertSlotsUsedAsync(scenario, 1);
        await AssertNextModelScoredAsync(scenario, client);
    }

    [Fact]
    public async Task LoopBomb_PastTheTimeLimit_FailsSayingSoAndCounts()
    {
        // Arrange
        var scenario = await new ScenarioBuilder(factory).BuildAsync();
        using var client = factory.WithToken(scenario.A.Token);

        // Act
        var id = await client.SubmitModelAcceptedAsync(scenario.Slug, [("loop.onnx", HostileModels.LoopBomb(Classes))]);
        var done = await client.WaitForStatusAsync(id, RunTimeout, "failed", "scored");

        // Assert
        Assert.Equal("failed", done.Status);
        Assert.Equal("The model run took longer than the limit of 15 seconds.", done.Error);
        await AssertSlotsUsedAsync(scenario, 1);
        await AssertNextModelScoredAsync(scenario, client);
    }

    [Fact]
    public async Task AllocationBomb_FailsForMemoryWithTheLimitNamedAndTheNextModelIsScored()
    {
        // Arrange: the model, a ConstantOfShape of 1.5e9 floats (6 GB), under a 512 MiB limit.
        var scenario = await new ScenarioBuilder(factory).BuildAsync();
        using var client = factory.WithToken(scenario.A.Token);

        // Act
        var id = await client.SubmitModelAcceptedAsync(scenario.Slug, [("huge.onnx", HostileModels.ConstantShapeAllocationBomb(Classes, 1_500_000_000))]);
        var done = await client.WaitForStatusAsync(id, RunTimeout, "failed", "scored");

        // Assert
        Assert.Equal("failed", done.Status);
        Assert.StartsWith("The model 'huge.onnx' was stopped", done.Error, StringComparison.Ordinal);
        Assert.EndsWith("The model needed more memory than a run may use: more than 512 MiB.", done.Error, StringComparison.Ordinal);
        await AssertSlotsUsedAsync(scenario, 1);
        await AssertNextModelScoredAsync(scenario, client);
    }

    [Fact]
    public async Task RunnerKilled_JobFailsWithAReasonAndTheNextJobRuns()
    {
        // Arrange
        var scenario = await new ScenarioBuilder(factory).BuildAsync();
        using var client = factory.WithToken(scenario.A.Token);
        var id = await client.SubmitModelAcceptedAsync(scenario.Slug, [("loop.onnx", HostileModels.LoopBomb(Classes))]);
        var pid = await RunnerProcesses.WaitForOneAsync(Runs, Ct);

        // Act
        using (var runner = Process.GetProcessById(pid))
        {
            runner.Kill();
        }

        var done = await client.WaitForStatusAsync(id, RunTimeout, "failed", "scored");

        // Assert
        Assert.Equal("failed", done.Status);
        Assert.StartsWith("The model 'loop.onnx' failed: The model stopped the runner unexpectedly (killed by signal 9)", done.Error, StringComparison.Ordinal);
        // The submission's failure is written first, the job's a moment later: wait for the job (a few seconds at most).
        Assert.Equal(JobState.Failed, (await factory.SettledJobAsync(id)).State);

        await AssertNextModelScoredAsync(scenario, client);
    }

    private string Runs => InferenceOptions.RunsPath(factory.DataDirectory);

    private async Task AssertSlotsUsedAsync(Scenario scenario, int used)
    {
        await using var db = await factory.DbAsync();
        Assert.Equal(used, await db.DailyQuotas.Where(q => q.TeamId == scenario.A.Id).SumAsync(q => q.Used, Ct));
    }

    private static async Task AssertNextModelScoredAsync(Scenario scenario, HttpClient client)
    {
        var next = await client.SubmitModelAcceptedAsync(scenario.Slug, [("bins.onnx", TinyModels.Binning(0, Classes))]);
        var done = await client.WaitForStatusAsync(next, RunTimeout, "scored", "failed");
        Assert.True(done.Status == "scored", $"The next model was not scored: {done.Status}, {done.Error}");
    }
}
