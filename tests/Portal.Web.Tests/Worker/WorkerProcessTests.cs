using System.Diagnostics;
using Microsoft.EntityFrameworkCore;
using Portal.Application.Models;
using Portal.Inference.Tests.Sandbox;
using Portal.Data.Entities;
using Portal.Web.Tests.Support;
using Portal.Web.Tests.Support.Onnx;

namespace Portal.Web.Tests.Worker;

/// <summary>
/// The web app with <c>Jobs:RunWorker=false</c> and a separate Portal.Worker process over the same data folder (one
/// database, one storage folder): the web never runs a job; the worker runs what the web queued.
/// </summary>
public sealed class WorkerProcessTests : IDisposable
{
    private const int Classes = 18;
    private static readonly TimeSpan RunTimeout = TimeSpan.FromSeconds(90);

    private readonly PortalStore _store = PortalStore.Create();

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public void Dispose() => _store.Dispose();

    [Fact]
    [AlsoOnPostgres]
    public async Task ModelSubmittedOnTheWeb_IsRunByTheWorkerProcess()
    {
        // Arrange: a web app that runs no job.
        await using var web = PortalFactory.Over(_store, runWorker: false);
        var scenario = await new ScenarioBuilder(web).BuildAsync();
        using var client = web.WithToken(scenario.A.Token);
        var id = await client.SubmitModelAcceptedAsync(scenario.Slug, [("bins.onnx", TinyModels.Binning(0, Classes))]);
        var csv = await client.SubmitAcceptedAsync(scenario.Slug, scenario.Csv(scenario.Predict(1, 1)));
        await Task.Delay(TimeSpan.FromSeconds(1), Ct);
        Assert.Equal("queued", (await client.GetJsonAsync<Portal.Web.Api.ApiSubmission>($"/api/v1/submissions/{id}")).Status);

        // Act
        using var worker = WorkerProcess.Start(_store);
        var model = await client.WaitForStatusAsync(id, RunTimeout, "scored", "failed");
        var scored = await client.WaitForStatusAsync(csv, RunTimeout, "scored", "failed");

        // Assert
        Assert.True(model.Status == "scored", $"{model.Status}: {model.Error}\n{worker.Output}");
        Assert.Equal("scored", scored.Status);
        Assert.NotNull(model.PublicScore);
        Assert.Equal(JobState.Succeeded, (await web.SettledJobAsync(id)).State);
    }

    [Fact]
    public async Task WorkerKilledMidRun_ItsRunnerEndsAndTheNextWorkerFinishesTheJob()
    {
        // Arrange: a run that takes seconds (a large input, eight views), started by a first worker.
        await using var web = PortalFactory.Over(_store, runWorker: false);
        var scenario = await new ScenarioBuilder(web).BuildAsync();
        using var client = web.WithToken(scenario.A.Token);
        var slow = new Dictionary<string, string> { ["width"] = "640", ["height"] = "640", ["tta"] = "d4" };
        var id = await client.SubmitModelAcceptedAsync(scenario.Slug, [("slow.onnx", TinyModels.Binning(0, Classes))], slow);
        var runs = InferenceOptions.RunsPath(_store.DataDirectory);
        using var first = WorkerProcess.Start(_store);
        await RunnerProcesses.WaitForOneAsync(runs, Ct);

        // Act: kill -9 the worker alone, not its runner.
        using (var process = Process.GetProcessById(first.Id))
        {
            process.Kill(entireProcessTree: false);
        }

        var clock = Stopwatch.StartNew();
        while (RunnerProcesses.Under(runs).Count > 0 && clock.Elapsed < TimeSpan.FromSeconds(10))
        {
            await Task.Delay(100, Ct);
        }

        var orphanedFor = clock.Elapsed;
        using var second = WorkerProcess.Start(_store);
        var done = await client.WaitForStatusAsync(id, RunTimeout, "scored", "failed");

        // Assert: the runner noticed its parent was gone; the job was taken over after its 5 s lease and scored once.
        Assert.True(orphanedFor < TimeSpan.FromSeconds(5), $"The runner outlived its worker by {orphanedFor}.");
        Assert.True(done.Status == "scored", $"{done.Status}: {done.Error}\n{second.Output}");
        Assert.Equal(JobState.Succeeded, (await web.SettledJobAsync(id)).State);
        await using var db = await web.DbAsync();
        Assert.Equal(1, await db.DailyQuotas.Where(q => q.TeamId == scenario.A.Id).SumAsync(q => q.Used, Ct));
    }
}

