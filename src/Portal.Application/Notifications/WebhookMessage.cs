using System.Text.Json.Serialization;

namespace Portal.Application.Notifications;

/// <summary>
/// The JSON body of a webhook message: the sentence as Slack's <c>text</c> and as Discord's <c>content</c> (each service
/// reads its own key; <see cref="WebhookBodies.ForHost"/> drops the other's for their known hosts), and the facts as
/// fields for any other receiver. Only the team's own submission and rank, never private scores or other teams' data.
/// </summary>
public sealed record WebhookMessage(
    [property: JsonPropertyName("text")] string? Text,
    [property: JsonPropertyName("content")] string? Content,
    [property: JsonPropertyName("event")] string Event,
    [property: JsonPropertyName("competition")] string Competition,
    [property: JsonPropertyName("competitionTitle")] string CompetitionTitle,
    [property: JsonPropertyName("team")] string Team,
    [property: JsonPropertyName("submissionId")] int? SubmissionId,
    [property: JsonPropertyName("status")] string? Status,
    [property: JsonPropertyName("publicScore")] double? PublicScore,
    [property: JsonPropertyName("rank")] int? Rank,
    [property: JsonPropertyName("closesAtUtc")] DateTime? ClosesAtUtc,
    [property: JsonPropertyName("occurredAtUtc")] DateTime OccurredAtUtc);
