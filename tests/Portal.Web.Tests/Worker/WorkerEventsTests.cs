using System.Diagnostics;
using System.Threading.Channels;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using Portal.Application.Events;
using Portal.Application.Jobs;
using Portal.Application.Leaderboards;
using Portal.Application.Models;
using Portal.Data.Entities;
using Portal.Inference.Tests.Onnx;
using Portal.Inference.Tests.Sandbox;
using Portal.Web.Api;
using Portal.Web.Tests.Support;
using Portal.Web.Tests.Support.Onnx;

namespace Portal.Web.Tests.Worker;

/// <summary>
/// A web instance (<c>Jobs:RunWorker=false</c>) and a separate Portal.Worker process over one store, both with
/// <c>Events:Redis</c>: the worker's job progress and board changes reach the web's pages live, and a cancel made on
/// the web stops the run on the worker at once, not at its next lease renewal.
/// </summary>
public sealed class WorkerEventsTests(RedisFixture redis) : IClassFixture<RedisFixture>, IDisposable
{
    private const int Classes = 18;
    private static readonly TimeSpan Wait = TimeSpan.FromSeconds(20);
    private static readonly TimeSpan RunTimeout = TimeSpan.FromSeconds(90);
    private readonly PortalStore _store = PortalStore.Create();

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public void Dispose() => _store.Dispose();

    [Fact]
    public async Task ModelRunOnTheWorker_ItsProgressResultAndBoardChangeReachTheWebLive()
    {
        // Arrange: the web's subscriptions live before the worker starts.
        var settings = new Dictionary<string, string> { ["Events:Redis"] = redis.Configuration() };
        await using var web = PortalFactory.Over(_store, runWorker: false, settings);
        var scenario = await new ScenarioBuilder(web).BuildAsync();
        var events = web.Services.GetRequiredService<IPortalEvents>();
        var updates = Channel.CreateUnbounded<JobUpdate>();
        var boards = Channel.CreateUnbounded<BoardChanged>();
        using var progress = events.Subscribe<JobUpdate>(async update => await updates.Writer.WriteAsync(update));
        using var board = events.Subscribe<BoardChanged>(async change => await boards.Writer.WriteAsync(change));
        using (var probe = new RedisPortalEvents(settings["Events:Redis"], NullLoggerFactory.Instance))
        {
            await EventProbe.UntilHeardAsync(probe, events, new BoardChanged(-1), Wait);
            await EventProbe.UntilHeardAsync(probe, events, new JobUpdate(-1, JobKind.RunModel, null, null, JobState.Queued, 0, null, null), Wait);
        }

        using var client = web.WithToken(scenario.A.Token);
        var id = await client.SubmitModelAcceptedAsync(scenario.Slug, [("bins.onnx", TinyModels.Binning(0, Classes))]);

        // Act
        using var worker = WorkerProcess.Start(_store, settings);
        var heard = await ReadUntilAsync(updates, u => u.SubmissionId == id && u.State is JobState.Succeeded or JobState.Failed, worker);
        var changed = await ReadUntilAsync(boards, c => c.CompetitionId == scenario.CompetitionId, worker);

        // Assert: the web ran no job; what it heard came from the worker.
        var ofRun = heard.Where(u => u.SubmissionId == id).ToList();
        Assert.Equal(JobState.Succeeded, ofRun[^1].State);
        Assert.Contains(ofRun, u => u.State == JobState.Running);
        Assert.Equal(scenario.CompetitionId, changed[^1].CompetitionId);
        Assert.Equal("scored", (await client.GetJsonAsync<ApiSubmission>($"/api/v1/submissions/{id}")).Status);
    }

    [Fact]
    public async Task CancelOnTheWeb_RunOnTheWorker_StopsAtOnceNotAtTheNextLeaseRenewal()
    {
        // Arrange: a run that never ends by itself, on a worker whose lease is renewed only every 200 s.
        var settings = new Dictionary<string, string> { ["Events:Redis"] = redis.Configuration() };
        await using var web = PortalFactory.Over(_store, runWorker: false, settings);
        var scenario = await new ScenarioBuilder(web).BuildAsync();
        using var client = web.WithToken(scenario.A.Token);
        var id = await client.SubmitModelAcceptedAsync(scenario.Slug, [("loop.onnx", HostileModels.LoopBomb(Classes))]);
        using var worker = WorkerProcess.Start(_store, new Dictionary<string, string>(settings) { ["Jobs:Lease"] = "00:10:00" });
        var runs = InferenceOptions.RunsPath(_store.DataDirectory);
        await RunnerProcesses.WaitForOneAsync(runs, Ct);
        var clock = Stopwatch.StartNew();

        // Act
        using var response = await client.PostAsync(new Uri($"/api/v1/submissions/{id}/cancel", UriKind.Relative), null, Ct);
        while (RunnerProcesses.Under(runs).Count > 0 && clock.Elapsed < Wait)
        {
            await Task.Delay(50, Ct);
        }

        // Assert
        Assert.Equal(System.Net.HttpStatusCode.NoContent, response.StatusCode);
        Assert.True(RunnerProcesses.Under(runs).Count == 0, $"The run outlived its cancel by {clock.Elapsed}.\n{worker.Output}");
        Assert.Equal("cancelled", (await client.GetJsonAsync<ApiSubmission>($"/api/v1/submissions/{id}")).Status);
    }

    private static async Task<List<T>> ReadUntilAsync<T>(Channel<T> channel, Func<T, bool> last, WorkerProcess worker)
    {
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(Ct);
        timeout.CancelAfter(RunTimeout);
        var items = new List<T>();
        try
        {
            while (items.Count == 0 || !last(items[^1]))
            {
                items.Add(await channel.Reader.ReadAsync(timeout.Token));
            }
        }
        catch (OperationCanceledException) when (!Ct.IsCancellationRequested)
        {
            Assert.Fail($"Not heard within {RunTimeout}; heard {string.Join(", ", items)}.\n{worker.Output}");
        }

        return items;
    }
}
