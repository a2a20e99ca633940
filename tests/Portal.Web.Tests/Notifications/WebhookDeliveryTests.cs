using System.Net;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Portal.Application.Competitions;
using Portal.Application.Notifications;
using Portal.Data.Entities;
using Portal.Data.Storage;
using Portal.Web.Tests.Support;

namespace Portal.Web.Tests.Notifications;

/// <summary>Team webhooks end to end: a receiver on loopback hears a team's own events, retried after failures, never slowing scoring.</summary>
[AlsoOnPostgres]
public sealed class WebhookDeliveryTests(WebhookPortalFactory factory) : IClassFixture<WebhookPortalFactory>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private TeamWebhookService Webhooks => factory.Services.GetRequiredService<TeamWebhookService>();

    [Fact]
    public async Task Webhook_SubmissionScored_ReceivesScoreInSlackAndDiscordKeys()
    {
        // Arrange
        await using var receiver = await WebhookReceiver.StartAsync();
        var scenario = await new ScenarioBuilder(factory).BuildAsync();
        Assert.Null(await Webhooks.SetUrlAsync(scenario.A.Id, receiver.Url.ToString(), Ct));
        using var team = factory.WithToken(scenario.A.Token);
        var predicted = scenario.Predict(0.8, 0.3);

        // Act
        var id = await team.SubmitAcceptedAsync(scenario.Slug, scenario.Csv(predicted));
        var body = await receiver.WaitForAsync("submission.scored");

        // Assert
        Assert.Equal(id, body.GetProperty("submissionId").GetInt32());
        Assert.Equal(scenario.Slug, body.GetProperty("competition").GetString());
        Assert.Equal(scenario.PublicScore(predicted), body.GetProperty("publicScore").GetDouble(), 9);
        var text = body.GetProperty("text").GetString();
        Assert.Contains($"#{id}", text, StringComparison.Ordinal);
        Assert.Equal(text, body.GetProperty("content").GetString());
        // Nothing hidden: no private score, no per-image data.
        Assert.DoesNotContain("private", body.GetRawText(), StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain(scenario.ImageIds[0], body.GetRawText(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Webhook_SubmissionFails_ReceivesFailureWithReason()
    {
        // Arrange: a probabilities CSV is scored, then its kept predictions vanish, so its rescore fails.
        await using var receiver = await WebhookReceiver.StartAsync();
        var scenario = await new ScenarioBuilder(factory).BuildAsync();
        using var team = factory.WithToken(scenario.A.Token);
        var id = await team.SubmitAcceptedAsync(scenario.Slug, Ensembles.EnsembleHttp.ProbabilitiesCsv(scenario.ImageIds,
            Ensembles.EnsembleHttp.Probabilities(scenario.Predict(0.8, 0.8), 18, seed: 1), 18));
        Assert.Null(await Webhooks.SetUrlAsync(scenario.A.Id, receiver.Url.ToString(), Ct));
        await DeleteStoredAsync(id);

        // Act
        await factory.Services.GetRequiredService<CompetitionService>().RescoreAllAsync(scenario.CompetitionId, Ct);
        var body = await receiver.WaitForAsync("submission.failed");

        // Assert
        Assert.Equal(id, body.GetProperty("submissionId").GetInt32());
        Assert.Equal("failed", body.GetProperty("status").GetString());
        Assert.Contains("failed", body.GetProperty("text").GetString(), StringComparison.Ordinal);
        Assert.DoesNotContain(factory.DataDirectory, body.GetRawText(), StringComparison.Ordinal);
        // A host's rescore of the others tells nobody "scored".
        Assert.DoesNotContain(receiver.Bodies, b => b.GetProperty("event").GetString() == "submission.scored");
    }

    [Fact]
    public async Task Webhook_AnotherTeamPassesBest_OvertakenOnceWithNewRank()
    {
        // Arrange: B leads; only B has a webhook.
        await using var receiver = await WebhookReceiver.StartAsync();
        var scenario = await new ScenarioBuilder(factory).BuildAsync();
        using var a = factory.WithToken(scenario.A.Token);
        using var b = factory.WithToken(scenario.B.Token);
        var bPredicted = scenario.Predict(0.6, 0.6);
        await b.SubmitAcceptedAsync(scenario.Slug, scenario.Csv(bPredicted));
        Assert.Null(await Webhooks.SetUrlAsync(scenario.B.Id, receiver.Url.ToString(), Ct));
        await a.SubmitAcceptedAsync(scenario.Slug, scenario.Csv(scenario.Predict(0.3, 0.3)));

        // Act: A passes B, then sends two more that change nothing for B.
        await a.SubmitAcceptedAsync(scenario.Slug, scenario.Csv(scenario.Predict(0.9, 0.2)));
        await a.SubmitAcceptedAsync(scenario.Slug, scenario.Csv(scenario.Predict(0.95, 0.2)));
        await a.SubmitAcceptedAsync(scenario.Slug, scenario.Csv(scenario.Predict(0.4, 0.2)));
        var body = await receiver.WaitForAsync("leaderboard.overtaken");

        // Assert: written with the submissions themselves, so the rows are there once the uploads answered.
        Assert.Equal(2, body.GetProperty("rank").GetInt32());
        Assert.Equal(scenario.PublicScore(bPredicted), body.GetProperty("publicScore").GetDouble(), 9);
        Assert.DoesNotContain(scenario.A.Name, body.GetRawText(), StringComparison.Ordinal);
        await using var db = await factory.DbAsync();
        Assert.Equal(1, await db.WebhookDeliveries.CountAsync(d => d.TeamId == scenario.B.Id && d.Event == WebhookEvent.Overtaken, Ct));
        Assert.Equal(0, await db.WebhookDeliveries.CountAsync(d => d.TeamId == scenario.B.Id && d.Event == WebhookEvent.Scored, Ct));
    }

    [Fact]
    public async Task Webhook_DayBeforeClose_RemindedOnceAndNotEarlier()
    {
        // Arrange
        await using var receiver = await WebhookReceiver.StartAsync();
        var scenario = await new ScenarioBuilder(factory).BuildAsync();
        Assert.Null(await Webhooks.SetUrlAsync(scenario.A.Id, receiver.Url.ToString(), Ct));
        await using var db = await factory.DbAsync();
        var endsAt = await db.Competitions.Where(c => c.Id == scenario.CompetitionId).Select(c => c.EndsAtUtc).SingleAsync(Ct);
        var store = factory.Services.GetRequiredService<WebhookDeliveryStore>();

        // Act: the clock read three days, then twelve hours before the end (twice, as two processes would).
        await store.AddClosingRemindersAsync(endsAt.AddDays(-3), Ct);
        var early = await db.WebhookDeliveries.CountAsync(d => d.TeamId == scenario.A.Id && d.Event == WebhookEvent.ClosingSoon, Ct);
        await store.AddClosingRemindersAsync(endsAt.AddHours(-12), Ct);
        await store.AddClosingRemindersAsync(endsAt.AddHours(-11), Ct);
        factory.Services.GetRequiredService<WebhookOutbox>().Wake();
        var body = await receiver.WaitForAsync("competition.closing", m => m.GetProperty("competition").GetString() == scenario.Slug);

        // Assert
        Assert.Equal(0, early);
        Assert.Equal(1, await db.WebhookDeliveries.CountAsync(d => d.TeamId == scenario.A.Id && d.Event == WebhookEvent.ClosingSoon, Ct));
        Assert.Equal(endsAt, body.GetProperty("closesAtUtc").GetDateTime(), TimeSpan.FromSeconds(1));
        Assert.Equal(0, await db.WebhookDeliveries.CountAsync(d => d.TeamId == scenario.B.Id, Ct));
    }

    [Fact]
    public async Task Webhook_ReceiverAnswers500First_RetriedAndDelivered()
    {
        // Arrange
        await using var receiver = await WebhookReceiver.StartAsync();
        receiver.Answer = (n, _) => Task.FromResult(n == 1 ? 500 : 200);
        var scenario = await new ScenarioBuilder(factory).BuildAsync();
        Assert.Null(await Webhooks.SetUrlAsync(scenario.A.Id, receiver.Url.ToString(), Ct));

        // Act
        Assert.Null(await Webhooks.SendTestAsync(scenario.A.Id, Ct));
        await receiver.WaitForAsync("test");

        // Assert
        var status = await EventuallyAsync(scenario.A.Id, d => d.State == WebhookDeliveryState.Delivered);
        Assert.Equal(2, status.Attempts);
        Assert.Equal(200, status.LastStatusCode);
        Assert.Equal(2, receiver.Requests);
        // Both attempts name the same message, so a receiver that got the first after all can drop the second.
        var ids = receiver.DeliveryIds;
        Assert.Equal(2, ids.Count);
        Assert.Matches("^[0-9]+-[0-9a-f]+$", ids[0]);
        Assert.Equal(ids[0], ids[1]);
    }

    [Fact]
    public async Task Webhook_ReceiverAlways400_FailsWithoutRetryAndSaysWhy()
    {
        // Arrange
        await using var receiver = await WebhookReceiver.StartAsync();
        receiver.Answer = (_, _) => Task.FromResult(404);
        var scenario = await new ScenarioBuilder(factory).BuildAsync();
        Assert.Null(await Webhooks.SetUrlAsync(scenario.A.Id, receiver.Url.ToString(), Ct));

        // Act
        Assert.Null(await Webhooks.SendTestAsync(scenario.A.Id, Ct));
        var status = await EventuallyAsync(scenario.A.Id, d => d.State == WebhookDeliveryState.Failed);

        // Assert
        Assert.Equal(1, status.Attempts);
        Assert.Equal(404, status.LastStatusCode);
        Assert.Contains("404", status.LastError, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Webhook_ReceiverHangs_ScoringAnswersAtOnceAndOtherMessagesGoOn()
    {
        // Arrange: the receiver holds the first message until the test lets it go (the sender's time limit is 30 s).
        await using var receiver = await WebhookReceiver.StartAsync();
        var release = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var firstAborted = false;
        receiver.Answer = async (n, aborted) =>
        {
            if (n == 1)
            {
                using var _ = aborted.Register(() => firstAborted = true);
                await release.Task;
            }

            return 200;
        };
        var scenario = await new ScenarioBuilder(factory).BuildAsync();
        Assert.Null(await Webhooks.SetUrlAsync(scenario.A.Id, receiver.Url.ToString(), Ct));
        using var team = factory.WithToken(scenario.A.Token);
        try
        {
            var first = await team.SubmitAcceptedAsync(scenario.Slug, scenario.Csv(scenario.Predict(0.5, 0.5)));
            await receiver.WaitForRequestsAsync(1);

            // Act: a second upload while the first message hangs.
            using var limit = CancellationTokenSource.CreateLinkedTokenSource(Ct);
            limit.CancelAfter(TimeSpan.FromSeconds(20));
            using var form = SubmissionForm(scenario.Csv(scenario.Predict(0.7, 0.5)));
            using var response = await team.PostAsync(new Uri($"/api/v1/competitions/{scenario.Slug}/submissions", UriKind.Relative), form, limit.Token);
            var second = JsonDocument.Parse(await response.Content.ReadAsStringAsync(Ct)).RootElement.GetProperty("id").GetInt32();
            var secondMessage = await receiver.WaitForAsync("submission.scored", b => b.GetProperty("submissionId").GetInt32() == second);

            // Assert: scored at once, its message delivered, while the first is still held by the receiver.
            Assert.Equal(HttpStatusCode.Created, response.StatusCode);
            Assert.False(release.Task.IsCompleted);
            Assert.False(firstAborted);
            Assert.NotEqual(first, second);
            Assert.Equal(JsonValueKind.Object, secondMessage.ValueKind);
        }
        finally
        {
            release.TrySetResult();
        }
    }

    [Fact]
    public async Task Webhook_AddressTurnsInternalAfterSaving_RefusedAtSendWithoutRetry()
    {
        // Arrange: an address saved when it was public, now internal (set here directly, as a DNS change would make it).
        var scenario = await new ScenarioBuilder(factory).BuildAsync();
        await using (var db = await factory.DbAsync())
        {
            await db.Teams.Where(t => t.Id == scenario.A.Id).ExecuteUpdateAsync(s => s.SetProperty(t => t.WebhookUrl, "https://10.0.0.1/hook"), Ct);
        }

        // Act
        Assert.Null(await Webhooks.SendTestAsync(scenario.A.Id, Ct));
        var status = await EventuallyAsync(scenario.A.Id, d => d.State == WebhookDeliveryState.Failed);

        // Assert
        Assert.Equal(1, status.Attempts);
        Assert.Null(status.LastStatusCode);
        Assert.Contains("internal address", status.LastError, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Webhook_TwoProcessesSending_EachMessageSentOnce()
    {
        // Arrange: a second instance over the same database, its sender running too.
        await using var receiver = await WebhookReceiver.StartAsync();
        var scenario = await new ScenarioBuilder(factory).BuildAsync();
        Assert.Null(await Webhooks.SetUrlAsync(scenario.A.Id, receiver.Url.ToString(), Ct));
        await using var second = PortalFactory.Over(factory.Store, runWorker: false, WebhookPortalFactory.Settings);
        _ = second.Services;

        // Act: ten messages queued (a team may have only one test on its way, so they are written as the outbox writes
        // any message), then both senders woken.
        await using (var queue = await factory.DbAsync())
        {
            var now = DateTime.UtcNow;
            for (var i = 0; i < 10; i++)
            {
                WebhookOutbox.Add(queue, scenario.A.Id, scenario.CompetitionId, null, WebhookEvent.Test, "{\"text\":\"message " + i + "\"}", now);
            }

            await queue.SaveChangesAsync(Ct);
        }

        factory.Services.GetRequiredService<WebhookOutbox>().Wake();
        second.Services.GetRequiredService<WebhookOutbox>().Wake();

        // Assert
        await receiver.WaitForRequestsAsync(10);
        await using var db = await factory.DbAsync();
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(15);
        while (await db.WebhookDeliveries.AnyAsync(d => d.TeamId == scenario.A.Id && d.State != WebhookDeliveryState.Delivered, Ct) && DateTime.UtcNow < deadline)
        {
            await Task.Delay(50, Ct);
        }

        Assert.Equal(10, await db.WebhookDeliveries.CountAsync(d => d.TeamId == scenario.A.Id && d.State == WebhookDeliveryState.Delivered && d.Attempts == 1, Ct));
        Assert.Equal(10, receiver.Requests);
    }

    [Fact]
    public async Task TeamWebhook_InvalidAddress_RefusedWithSentenceAndNotSaved()
    {
        // Arrange
        var scenario = await new ScenarioBuilder(factory).BuildAsync();

        // Act
        var error = await Webhooks.SetUrlAsync(scenario.A.Id, "https://169.254.169.254/latest/meta-data", Ct);

        // Assert
        Assert.Contains("internal address", error, StringComparison.Ordinal);
        Assert.Null((await Webhooks.StatusAsync(scenario.A.Id, Ct))!.Url);
    }

    private static MultipartFormDataContent SubmissionForm(string csv)
    {
        var file = new ByteArrayContent(System.Text.Encoding.UTF8.GetBytes(csv));
        file.Headers.ContentType = new System.Net.Http.Headers.MediaTypeHeaderValue("text/csv");
        return new MultipartFormDataContent { { file, "file", "predictions.csv" }, { new StringContent("from the tests"), "description" } };
    }

    private async Task<WebhookDeliveryView> EventuallyAsync(int teamId, Func<WebhookDeliveryView, bool> done)
    {
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(15);
        while (true)
        {
            var last = (await Webhooks.StatusAsync(teamId, Ct))!.LastDelivery;
            if (last is not null && done(last))
            {
                return last;
            }

            Assert.True(DateTime.UtcNow < deadline, $"The last message stayed {last?.State}: {last?.LastError}");
            await Task.Delay(50, Ct);
        }
    }

    private async Task DeleteStoredAsync(int submissionId)
    {
        await using var db = await factory.DbAsync();
        var keys = await db.Submissions.Where(s => s.Id == submissionId).Select(s => new { s.FileKey, s.ProbabilitiesKey }).SingleAsync(Ct);
        var storage = factory.Services.GetRequiredService<IFileStorage>();
        await storage.DeleteAsync(keys.FileKey, Ct);
        await storage.DeleteAsync(keys.ProbabilitiesKey!, Ct);
    }
}
