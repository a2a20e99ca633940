namespace Portal.Data.Entities;

/// <summary>
/// One message to a team's webhook (the outbox): written in the same transaction as the event it tells of, then sent by
/// a background sender that claims it with a lease, so a message is sent once even with several processes running, and
/// retried with back-off when the receiver fails.
/// </summary>
public sealed class WebhookDelivery
{
    /// <summary>The longest dedupe key stored (characters); the column's size.</summary>
    public const int MaxDedupeKeyLength = 100;

    public long Id { get; set; }
    public int TeamId { get; set; }
    public int CompetitionId { get; set; }

    /// <summary>The team's submission the message is about, when it is about one.</summary>
    public int? SubmissionId { get; set; }

    public WebhookEvent Event { get; set; }
    public WebhookDeliveryState State { get; set; }

    /// <summary>The JSON body to post, fixed when the event happened.</summary>
    public string Body { get; set; } = "";

    /// <summary>
    /// Unique when set: a message that must be written once however many processes notice its cause (the reminder
    /// before a competition closes, keyed by the competition and its end).
    /// </summary>
    public string? DedupeKey { get; set; }

    public int Attempts { get; set; }

    /// <summary>When the next attempt may start (the back-off after a failed one).</summary>
    public DateTime NextAttemptAtUtc { get; set; }

    public string? LeaseOwner { get; set; }
    public DateTime? LeaseExpiresAtUtc { get; set; }

    /// <summary>The receiver's HTTP status at the last attempt; null when it did not answer.</summary>
    public int? LastStatusCode { get; set; }

    /// <summary>Why the last attempt failed, in words for the team.</summary>
    public string? LastError { get; set; }

    public DateTime CreatedAtUtc { get; set; }
    public DateTime? LastAttemptAtUtc { get; set; }
    public DateTime? DeliveredAtUtc { get; set; }

    public Team? Team { get; set; }
}
