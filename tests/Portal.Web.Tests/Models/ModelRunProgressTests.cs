using System.Net;
using System.Net.Http.Json;
using Portal.Application.Models;
using Portal.Web.Tests.Support;
using Portal.Inference.Tests.Onnx;
using Portal.Web.Tests.Support.Onnx;

namespace Portal.Web.Tests.Models;

/// <summary>The portal with a short job lease, so the worker's heartbeat writes a run's progress within a second.</summary>
public sealed class ProgressPortalFactory : ModelPortalFactory
{
    protected override IReadOnlyDictionary<string, string> Settings { get; } = new Dictionary<string, string>
    {
        ["Jobs:Lease"] = "00:00:03",
        ["Inference:RunTimeLimit"] = "00:01:00",
        ["Inference:ConcurrentModelRuns"] = "1",
    };
}

/// <summary><c>GET /api/v1/submissions/{id}/model-run</c> answers a run's progress while it is queued or running, and its details once done.</summary>
public sealed class ModelRunProgressTests(ProgressPortalFactory factory) : IClassFixture<ProgressPortalFactory>
{
    private const int Classes = 18;
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(60);

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task ModelRun_QueuedAndRunning_Answers202WithProgressThenTheDetails()
    {
        // Arrange: a model that never finishes holds the one model slot; an ordinary model waits behind it.
        var scenario = await new ScenarioBuilder(factory).BuildAsync();
        using var client = factory.WithToken(scenario.A.Token);
        using var other = factory.WithToken(scenario.B.Token);
        var looping = await client.SubmitModelAcceptedAsync(scenario.Slug, [("loop.onnx", HostileModels.LoopBomb(Classes))]);
        await client.WaitForStatusAsync(looping, Timeout, "running");
        var waiting = await client.SubmitModelAcceptedAsync(scenario.Slug, [("bins.onnx", TinyModels.Binning(0, Classes))]);

        // Act
        var running = await WaitForTextAsync(client, looping);
        using var queuedResponse = await client.GetPathAsync($"/api/v1/submissions/{waiting}/model-run");
        var queued = await queuedResponse.Content.ReadFromJsonAsync<ModelRunProgress>(PortalHttp.Json, Ct);
        using var otherTeam = await other.GetPathAsync($"/api/v1/submissions/{looping}/model-run");

        // Assert
        Assert.Equal("running", running.State);
        Assert.InRange(running.Fraction, 0, 1);
        Assert.Contains("images", running.Text, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Accepted, queuedResponse.StatusCode);
        Assert.Equal("queued", queued!.State);
        Assert.Equal(0, queued.Fraction);
        Assert.Null(queued.Text);
        Assert.Equal(HttpStatusCode.NotFound, otherTeam.StatusCode);

        // Once the slot is free the waiting model runs, and the same address answers its details.
        using var cancel = await client.PostAsync(new Uri($"/api/v1/submissions/{looping}/cancel", UriKind.Relative), null, Ct);
        Assert.Equal(HttpStatusCode.NoContent, cancel.StatusCode);
        await client.WaitForStatusAsync(waiting, Timeout, "scored");
        using var doneResponse = await client.GetPathAsync($"/api/v1/submissions/{waiting}/model-run");
        Assert.Equal(HttpStatusCode.OK, doneResponse.StatusCode);
        var details = await doneResponse.Content.ReadFromJsonAsync<ModelRunDetails>(PortalHttp.Json, Ct);
        Assert.Equal("bins.onnx", Assert.Single(details!.Members).Name);
        using var cancelled = await client.GetPathAsync($"/api/v1/submissions/{looping}/model-run");
        Assert.Equal(HttpStatusCode.NotFound, cancelled.StatusCode);
    }

    /// <summary>Polls the running model's progress until the worker's heartbeat has written what it is doing.</summary>
    private static async Task<ModelRunProgress> WaitForTextAsync(HttpClient client, int id)
    {
        var deadline = DateTime.UtcNow + Timeout;
        while (true)
        {
            using var response = await client.GetPathAsync($"/api/v1/submissions/{id}/model-run");
            Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
            var progress = await response.Content.ReadFromJsonAsync<ModelRunProgress>(PortalHttp.Json, Ct);
            if (progress is { State: "running", Text: not null })
            {
                return progress;
            }

            Assert.True(DateTime.UtcNow < deadline, $"The run's progress was never written: {progress}.");
            await Task.Delay(100, Ct);
        }
    }
}
