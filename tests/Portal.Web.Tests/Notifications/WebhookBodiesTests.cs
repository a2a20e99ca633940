using System.Text.Json;
using Portal.Application.Notifications;
using Portal.Core.Scoring;
using Portal.Data.Entities;

namespace Portal.Web.Tests.Notifications;

/// <summary>The webhook bodies (Slack's and Discord's keys, structured fields) and the overtaking rule.</summary>
public sealed class WebhookBodiesTests
{
    private static readonly Competition Masks = new() { Slug = "masks", Title = "Masks", EndsAtUtc = new DateTime(2027, 4, 1, 12, 0, 0, DateTimeKind.Utc) };
    private static readonly DateTime At = new(2027, 3, 31, 12, 0, 0, DateTimeKind.Utc);

    [Fact]
    public void Scored_Body_CarriesSentenceInBothKeysAndFields()
    {
        // Act
        using var json = JsonDocument.Parse(WebhookBodies.Scored(Masks, "Owls", 17, 0.81234, At));
        var root = json.RootElement;

        // Assert
        Assert.Equal("submission.scored", root.GetProperty("event").GetString());
        Assert.Equal("Owls: submission #17 in Masks was scored: public macro F1 0.8123.", root.GetProperty("text").GetString());
        Assert.Equal(root.GetProperty("text").GetString(), root.GetProperty("content").GetString());
        Assert.Equal(17, root.GetProperty("submissionId").GetInt32());
        Assert.Equal("masks", root.GetProperty("competition").GetString());
        Assert.False(root.TryGetProperty("rank", out _));
    }

    [Theory]
    [InlineData(WebhookEvent.Scored)]
    [InlineData(WebhookEvent.Failed)]
    [InlineData(WebhookEvent.Overtaken)]
    [InlineData(WebhookEvent.ClosingSoon)]
    [InlineData(WebhookEvent.Test)]
    public void DeliveryList_EachEvent_NamedAsTheMessageItselfNamesIt(WebhookEvent kind)
    {
        // Arrange
        var view = new WebhookDeliveryView(1, kind, WebhookDeliveryState.Delivered, 1, 200, null, At, At, At, At);

        // Act
        var listed = Portal.Web.Api.ApiWebhookDelivery.From(view);

        // Assert
        Assert.Equal(WebhookBodies.EventName(kind), listed.Event);
        Assert.Contains(listed.Event, new[] { "submission.scored", "submission.failed", "leaderboard.overtaken", "competition.closing", "test" });
    }

    [Theory]
    [InlineData("https://discord.com/api/webhooks/1/x", "content", "text")]
    [InlineData("https://hooks.slack.com/services/T/B/X", "text", "content")]
    public void ForHost_KnownService_KeepsOnlyItsKey(string url, string kept, string dropped)
    {
        // Act
        using var json = JsonDocument.Parse(WebhookBodies.ForHost(WebhookBodies.Test(Masks, "Owls", At), new Uri(url)));

        // Assert
        Assert.True(json.RootElement.TryGetProperty(kept, out _));
        Assert.False(json.RootElement.TryGetProperty(dropped, out _));
        Assert.Equal("test", json.RootElement.GetProperty("event").GetString());
    }

    [Fact]
    public void ForHost_OtherReceiver_KeepsBothKeys()
    {
        // Arrange
        var body = WebhookBodies.Test(Masks, "Owls", At);

        // Act
        var sent = WebhookBodies.ForHost(body, new Uri("https://example.org/hook"));

        // Assert
        Assert.Equal(body, sent);
    }

    [Fact]
    public void Failed_LongReasonAndMention_ShortenedAndDefused()
    {
        // Act
        using var json = JsonDocument.Parse(WebhookBodies.Failed(Masks, "@everyone", 3, new string('x', 1000), At));
        var text = json.RootElement.GetProperty("text").GetString()!;

        // Assert
        Assert.DoesNotContain("@everyone", text, StringComparison.Ordinal);
        Assert.True(text.Length < 400, text);
    }

    [Fact]
    public void Overtaken_NewBestPassesTwoTeams_BothBelowWithTheirRanks()
    {
        // Arrange: teams 2 and 3 lead team 1; team 4 is below it; all listen.
        var before = new List<LeaderboardEntry> { Entry(1, 1, 0.50, 1), Entry(2, 2, 0.70, 2), Entry(3, 3, 0.60, 3), Entry(4, 4, 0.40, 4) };

        // Act
        var overtaken = WebhookOutbox.Overtaken(before, Entry(1, 5, 0.75, 5), new HashSet<int> { 2, 3, 4 });

        // Assert
        Assert.Equal([(2, 2), (3, 3)], overtaken.Select(r => (r.TeamId, r.Rank ?? 0)));
    }

    [Theory]
    [InlineData(0.70)] // a tie goes to the earlier submission: team 2 stays ahead
    [InlineData(0.45)] // not the team's new best
    public void Overtaken_TieOrNoNewBest_Nobody(double score)
    {
        // Arrange
        var before = new List<LeaderboardEntry> { Entry(1, 1, 0.50, 1), Entry(2, 2, 0.70, 2) };

        // Act
        var overtaken = WebhookOutbox.Overtaken(before, Entry(1, 3, score, 3), new HashSet<int> { 2 });

        // Assert
        Assert.Empty(overtaken);
    }

    [Fact]
    public void Overtaken_FirstSubmissionAboveOthers_TheyAreOvertaken()
    {
        // Arrange
        var before = new List<LeaderboardEntry> { Entry(2, 1, 0.70, 1) };

        // Act
        var overtaken = WebhookOutbox.Overtaken(before, Entry(1, 2, 0.80, 2), new HashSet<int> { 2 });

        // Assert
        Assert.Equal(2, Assert.Single(overtaken).TeamId);
    }

    private static LeaderboardEntry Entry(int team, int id, double score, int minute) =>
        new(team, "", false, id, At.AddMinutes(minute), score, null, false);
}
