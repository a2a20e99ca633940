using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using Portal.Data.Entities;

namespace Portal.Application.Notifications;

/// <summary>The sentences and JSON bodies of webhook messages, one per <see cref="WebhookEvent"/>.</summary>
public static class WebhookBodies
{
    /// <summary>The longest failure reason quoted in a message (Discord allows 2,000 characters of content).</summary>
    public const int MaxReasonLength = 300;

    private static readonly JsonSerializerOptions Json = new(JsonSerializerOptions.Web) { DefaultIgnoreCondition = System.Text.Json.Serialization.JsonIgnoreCondition.WhenWritingNull };

    /// <summary>A submission of the team was scored.</summary>
    public static string Scored(Competition competition, string team, int submissionId, double? publicScore, DateTime atUtc) =>
        Write(Sentence($"{team}: submission #{submissionId} in {competition.Title} was scored: public macro F1 {Score(publicScore)}."),
            WebhookEvent.Scored, competition, team, atUtc, submissionId, "scored", publicScore);

    /// <summary>A submission of the team failed, with the reason the team reads on its Submissions page.</summary>
    public static string Failed(Competition competition, string team, int submissionId, string reason, DateTime atUtc)
    {
        var shortReason = reason.Length <= MaxReasonLength ? reason : reason[..(MaxReasonLength - 1)] + "…";
        return Write(Sentence($"{team}: submission #{submissionId} in {competition.Title} failed: {shortReason}"),
            WebhookEvent.Failed, competition, team, atUtc, submissionId, "failed");
    }

    /// <summary>Another team's new best passed the team's best public score; <paramref name="rank"/> is the team's place now.</summary>
    public static string Overtaken(Competition competition, string team, double bestScore, int rank, DateTime atUtc) =>
        Write(Sentence($"{team}: another team passed your best public macro F1 of {Score(bestScore)} in {competition.Title}; you are now #{rank} on the public board."),
            WebhookEvent.Overtaken, competition, team, atUtc, publicScore: bestScore, rank: rank);

    /// <summary>The competition closes within a day.</summary>
    public static string ClosingSoon(Competition competition, string team, DateTime atUtc) =>
        Write(Sentence(string.Create(CultureInfo.InvariantCulture,
                $"{team}: {competition.Title} closes on {competition.EndsAtUtc:yyyy-MM-dd HH:mm} UTC, in less than a day. Select your final submissions before then.")),
            WebhookEvent.ClosingSoon, competition, team, atUtc, closesAtUtc: competition.EndsAtUtc);

    /// <summary>The message of the team page's "send a test message" button.</summary>
    public static string Test(Competition competition, string team, DateTime atUtc) =>
        Write(Sentence($"{team}: a test message from Portal for {competition.Title}. Your webhook works."),
            WebhookEvent.Test, competition, team, atUtc);

    /// <summary>
    /// <paramref name="body"/> as sent to <paramref name="url"/>: Slack's and Discord's own hosts get only their key for
    /// the sentence (each documents its own; neither documents the other's as ignored), any other receiver both.
    /// </summary>
    public static string ForHost(string body, Uri url)
    {
        ArgumentNullException.ThrowIfNull(url);
        var host = url.Host.ToLowerInvariant();
        var drop = host is "discord.com" or "discordapp.com" or "ptb.discord.com" or "canary.discord.com" ? "text"
            : host is "hooks.slack.com" ? "content"
            : null;
        if (drop is null || JsonNode.Parse(body) is not JsonObject json)
        {
            return body;
        }

        json.Remove(drop);
        return json.ToJsonString();
    }

    /// <summary>The <c>event</c> field's word for <paramref name="kind"/>.</summary>
    public static string EventName(WebhookEvent kind) => kind switch
    {
        WebhookEvent.Scored => "submission.scored",
        WebhookEvent.Failed => "submission.failed",
        WebhookEvent.Overtaken => "leaderboard.overtaken",
        WebhookEvent.ClosingSoon => "competition.closing",
        _ => "test",
    };

    private static string Score(double? score) => score?.ToString("0.0000", CultureInfo.InvariantCulture) ?? "-";

    // Discord and Slack read Markdown-like marks and mentions; team names and reasons are the teams' own text.
    private static string Sentence(string text) => text.Replace("@", "@\u200b", StringComparison.Ordinal);

    private static string Write(string sentence, WebhookEvent kind, Competition competition, string team, DateTime atUtc,
        int? submissionId = null, string? status = null, double? publicScore = null, int? rank = null, DateTime? closesAtUtc = null) =>
        JsonSerializer.Serialize(new WebhookMessage(sentence, sentence, EventName(kind), competition.Slug, competition.Title, team,
            submissionId, status, publicScore, rank, closesAtUtc, atUtc), Json);
}
