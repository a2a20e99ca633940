namespace Portal.Application.Notifications;

/// <summary>The <c>Notifications</c> section of appsettings.json: how team webhooks are checked and sent.</summary>
public sealed class NotificationOptions
{
    public const string Section = "Notifications";

    /// <summary>Whether this process sends webhook messages (every process may: each message is claimed by one).</summary>
    public bool RunSender { get; set; } = true;

    /// <summary>Messages sent at once by this process.</summary>
    public int Concurrency { get; set; } = 2;

    /// <summary>How long a receiver has to answer one attempt.</summary>
    public TimeSpan Timeout { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>Attempts before a message that keeps failing is given up.</summary>
    public int MaxAttempts { get; set; } = 6;

    /// <summary>The wait after the first failed attempt; each further failure doubles it, up to <see cref="MaxRetryDelay"/>.</summary>
    public TimeSpan FirstRetryDelay { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>The longest wait between two attempts.</summary>
    public TimeSpan MaxRetryDelay { get; set; } = TimeSpan.FromHours(1);

    /// <summary>How long a claimed message stays with its sender; past it another process may try it.</summary>
    public TimeSpan Lease { get; set; } = TimeSpan.FromMinutes(2);

    /// <summary>How often an idle sender looks for messages written by other processes, and for competitions about to close.</summary>
    public TimeSpan PollInterval { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>How long before a competition's end its teams are reminded.</summary>
    public TimeSpan ClosingReminderLead { get; set; } = TimeSpan.FromDays(1);

    /// <summary>How many of a team's latest messages the API lists with its webhook.</summary>
    public int RecentDeliveries { get; set; } = 20;

    /// <summary>
    /// Allows webhooks on loopback addresses (and plain http there), for tests and local trials; never on a server,
    /// where it would let a team make the portal call its own internal services.
    /// </summary>
    public bool AllowLoopback { get; set; }
}
