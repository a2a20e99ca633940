using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Portal.Application.Notifications;
using Portal.Data;
using Portal.Data.Entities;
using Portal.Web.Tests.Notifications;
using Portal.Web.Tests.Support;

namespace Portal.Web.Tests.Api;

/// <summary><c>/api/v1/competitions/{slug}/team/webhook</c>: a team reads, sets, tests and removes its webhook with its token.</summary>
public sealed class WebhookApiTests(WebhookPortalFactory factory) : IClassFixture<WebhookPortalFactory>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static string Path(string slug) => $"/api/v1/competitions/{slug}/team/webhook";

    [Fact]
    public async Task Webhook_PutThenTest_GetShowsTheAddressAndTheDeliveredTestInUtc()
    {
        // Arrange
        await using var receiver = await WebhookReceiver.StartAsync();
        var scenario = await new ScenarioBuilder(factory).BuildAsync();
        using var team = factory.WithToken(scenario.A.Token);

        // Act
        using var put = await team.PutAsJsonAsync(Path(scenario.Slug), new { url = receiver.Url.ToString() }, Ct);
        using var test = await team.PostAsync(Path(scenario.Slug) + "/test", null, Ct);
        await receiver.WaitForAsync("test");
        var delivered = await WaitForDeliveredAsync(team, scenario.Slug);

        // Assert
        Assert.Equal(HttpStatusCode.OK, put.StatusCode);
        var set = await put.Content.ReadFromJsonAsync<JsonElement>(Ct);
        Assert.Equal(receiver.Url.ToString(), set.GetProperty("url").GetString());
        Assert.Equal(HttpStatusCode.Accepted, test.StatusCode);
        Assert.Equal(receiver.Url.ToString(), delivered.GetProperty("url").GetString());
        var message = delivered.GetProperty("deliveries")[0];
        Assert.Equal("test", message.GetProperty("event").GetString());
        Assert.Equal("delivered", message.GetProperty("state").GetString());
        Assert.Equal(200, message.GetProperty("lastStatusCode").GetInt32());
        Assert.EndsWith("Z", message.GetProperty("createdAtUtc").GetString(), StringComparison.Ordinal);
        Assert.EndsWith("Z", message.GetProperty("deliveredAtUtc").GetString(), StringComparison.Ordinal);
        Assert.Equal(JsonValueKind.Null, message.GetProperty("nextAttemptAtUtc").ValueKind);
    }

    [Theory]
    [InlineData("ftp://hooks.example.com/x", "The webhook address must start with https:// so that messages about your team travel encrypted.")]
    [InlineData("https://10.1.2.3/hook", "The host '10.1.2.3' is a local or internal address; the webhook must be a public service such as Slack or Discord.")]
    public async Task Webhook_PutRefusedAddress_400ProblemWithThePolicysSentenceNamingUrl(string url, string sentence)
    {
        // Arrange
        var scenario = await new ScenarioBuilder(factory).BuildAsync();
        using var team = factory.WithToken(scenario.A.Token);

        // Act
        using var response = await team.PutAsJsonAsync(Path(scenario.Slug), new { url }, Ct);
        using var get = await team.GetAsync(Path(scenario.Slug), Ct);

        // Assert
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var problem = await response.Content.ReadFromJsonAsync<JsonElement>(Ct);
        Assert.Equal(sentence, problem.GetProperty("detail").GetString());
        Assert.Equal("url", problem.GetProperty("field").GetString());
        var after = await get.Content.ReadFromJsonAsync<JsonElement>(Ct);
        Assert.Equal(JsonValueKind.Null, after.GetProperty("url").ValueKind);
    }

    [Fact]
    public async Task Webhook_PutWithoutUrl_400SayingWhatToSendAndLeavesTheAddress()
    {
        // Arrange: an address is set; a misspelt key must not clear it.
        await using var receiver = await WebhookReceiver.StartAsync();
        var scenario = await new ScenarioBuilder(factory).BuildAsync();
        using var team = factory.WithToken(scenario.A.Token);
        (await team.PutAsJsonAsync(Path(scenario.Slug), new { url = receiver.Url.ToString() }, Ct)).Dispose();

        // Act
        using var response = await team.PutAsJsonAsync(Path(scenario.Slug), new { address = "https://hooks.example.com/x" }, Ct);
        var after = await team.GetFromJsonAsync<JsonElement>(Path(scenario.Slug), Ct);

        // Assert
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var problem = await response.Content.ReadFromJsonAsync<JsonElement>(Ct);
        Assert.Contains("{\"url\": \"https://", problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
        Assert.Equal("url", problem.GetProperty("field").GetString());
        Assert.Equal(receiver.Url.ToString(), after.GetProperty("url").GetString());
    }

    [Fact]
    public async Task Webhook_PutAddressWithALineBreak_400AndTheAddressIsNotSaved()
    {
        // Arrange
        await using var receiver = await WebhookReceiver.StartAsync();
        var scenario = await new ScenarioBuilder(factory).BuildAsync();
        using var team = factory.WithToken(scenario.A.Token);

        // Act: a header smuggled after the address.
        using var put = await team.PutAsJsonAsync(Path(scenario.Slug), new { url = receiver.Url + "x\r\nX-Injected: yes" }, Ct);
        var after = await team.GetFromJsonAsync<JsonElement>(Path(scenario.Slug), Ct);

        // Assert
        Assert.Equal(HttpStatusCode.BadRequest, put.StatusCode);
        var problem = await put.Content.ReadFromJsonAsync<JsonElement>(Ct);
        Assert.Contains("a space or a line break", problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
        Assert.Equal("url", problem.GetProperty("field").GetString());
        Assert.Equal(JsonValueKind.Null, after.GetProperty("url").ValueKind);
    }

    [Fact]
    public async Task Webhook_TestWhileATestIsStillOnItsWay_409AndNothingMoreQueued()
    {
        // Arrange: an address, and a test message still pending (due later: the sender leaves it alone).
        await using var receiver = await WebhookReceiver.StartAsync();
        var scenario = await new ScenarioBuilder(factory).BuildAsync();
        using var team = factory.WithToken(scenario.A.Token);
        (await team.PutAsJsonAsync(Path(scenario.Slug), new { url = receiver.Url.ToString() }, Ct)).Dispose();
        var dbFactory = factory.Services.GetRequiredService<IDbContextFactory<PortalDbContext>>();
        await using (var db = await dbFactory.CreateDbContextAsync(Ct))
        {
            var later = DateTime.UtcNow.AddHours(1);
            WebhookOutbox.Add(db, scenario.A.Id, scenario.CompetitionId, null, WebhookEvent.Test, "{}", later);
            await db.SaveChangesAsync(Ct);
        }

        // Act
        using var test = await team.PostAsync(Path(scenario.Slug) + "/test", null, Ct);

        // Assert
        Assert.Equal(HttpStatusCode.Conflict, test.StatusCode);
        var problem = await test.Content.ReadFromJsonAsync<JsonElement>(Ct);
        Assert.Equal(TeamWebhookService.TestAlreadyOnItsWay, problem.GetProperty("detail").GetString());
        await using var check = await dbFactory.CreateDbContextAsync(Ct);
        Assert.Equal(1, await check.WebhookDeliveries.CountAsync(d => d.TeamId == scenario.A.Id && d.Event == WebhookEvent.Test, Ct));
    }

    [Fact]
    public async Task Webhook_Delete_RemovesTheAddressAndATestIsThen409()
    {
        // Arrange
        await using var receiver = await WebhookReceiver.StartAsync();
        var scenario = await new ScenarioBuilder(factory).BuildAsync();
        using var team = factory.WithToken(scenario.A.Token);
        (await team.PutAsJsonAsync(Path(scenario.Slug), new { url = receiver.Url.ToString() }, Ct)).Dispose();

        // Act
        using var delete = await team.DeleteAsync(Path(scenario.Slug), Ct);
        var after = await team.GetFromJsonAsync<JsonElement>(Path(scenario.Slug), Ct);
        using var test = await team.PostAsync(Path(scenario.Slug) + "/test", null, Ct);

        // Assert
        Assert.Equal(HttpStatusCode.NoContent, delete.StatusCode);
        Assert.Equal(JsonValueKind.Null, after.GetProperty("url").ValueKind);
        Assert.Equal(0, after.GetProperty("deliveries").GetArrayLength());
        Assert.Equal(HttpStatusCode.Conflict, test.StatusCode);
        var problem = await test.Content.ReadFromJsonAsync<JsonElement>(Ct);
        Assert.Equal("Save a webhook address first.", problem.GetProperty("detail").GetString());
    }

    [Fact]
    public async Task Webhook_OtherTeamsToken_SeesOnlyItsOwn()
    {
        // Arrange
        await using var receiver = await WebhookReceiver.StartAsync();
        var scenario = await new ScenarioBuilder(factory).BuildAsync();
        using var a = factory.WithToken(scenario.A.Token);
        using var b = factory.WithToken(scenario.B.Token);
        (await a.PutAsJsonAsync(Path(scenario.Slug), new { url = receiver.Url.ToString() }, Ct)).Dispose();

        // Act
        var seenByB = await b.GetFromJsonAsync<JsonElement>(Path(scenario.Slug), Ct);

        // Assert
        Assert.Equal(JsonValueKind.Null, seenByB.GetProperty("url").ValueKind);
    }

    [Fact]
    public async Task Webhook_NoToken_401ProblemSayingHowToSendOne()
    {
        // Arrange
        var scenario = await new ScenarioBuilder(factory).BuildAsync();
        using var anonymous = factory.Anonymous();

        // Act
        using var response = await anonymous.GetAsync(Path(scenario.Slug), Ct);

        // Assert
        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
    }

    [Fact]
    public async Task OpenApi_Document_ListsTheWebhookEndpoints()
    {
        // Arrange
        using var anonymous = factory.Anonymous();

        // Act
        var document = await anonymous.GetFromJsonAsync<JsonElement>("/openapi/v1.json", Ct);

        // Assert
        var path = document.GetProperty("paths").GetProperty("/api/v1/competitions/{slug}/team/webhook");
        Assert.True(path.TryGetProperty("get", out _));
        Assert.True(path.TryGetProperty("put", out _));
        Assert.True(path.TryGetProperty("delete", out _));
        Assert.True(document.GetProperty("paths").TryGetProperty("/api/v1/competitions/{slug}/team/webhook/test", out _));
    }

    /// <summary>The webhook once its latest message is delivered (the sender records the outcome just after the receiver answers).</summary>
    private static async Task<JsonElement> WaitForDeliveredAsync(HttpClient team, string slug)
    {
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(Ct);
        timeout.CancelAfter(TimeSpan.FromSeconds(30));
        while (true)
        {
            var webhook = await team.GetFromJsonAsync<JsonElement>(Path(slug), timeout.Token);
            var deliveries = webhook.GetProperty("deliveries");
            if (deliveries.GetArrayLength() > 0 && deliveries[0].GetProperty("state").GetString() == "delivered")
            {
                return webhook;
            }

            await Task.Delay(50, timeout.Token);
        }
    }
}
