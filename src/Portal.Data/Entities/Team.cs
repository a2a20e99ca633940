namespace Portal.Data.Entities;

/// <summary>A team in one competition.</summary>
public sealed class Team
{
    public int Id { get; set; }
    public int CompetitionId { get; set; }
    public string Name { get; set; } = "";

    /// <summary>The code a participant enters to join.</summary>
    public string InviteCode { get; set; } = "";

    /// <summary>SHA-256 of the API token (hex); the token itself is shown once and never stored.</summary>
    public string? ApiTokenHash { get; set; }

    /// <summary>The first characters of the token, to recognise it in lists.</summary>
    public string? ApiTokenPrefix { get; set; }

    /// <summary>A host's baseline team: shown on the board, not ranked.</summary>
    public bool IsBaseline { get; set; }

    /// <summary>The host's daily submission limit for this team (extra slots, or fewer); null follows the competition's.</summary>
    public int? DailyLimitOverride { get; set; }

    /// <summary>The longest webhook address stored (characters); the column's size.</summary>
    public const int MaxWebhookUrlLength = 2000;

    /// <summary>
    /// The team's webhook (Slack- or Discord-compatible, https), told when its submissions are scored or fail, when it is
    /// overtaken on the public board and a day before close; null for none.
    /// </summary>
    public string? WebhookUrl { get; set; }

    public DateTime CreatedAtUtc { get; set; }

    public Competition? Competition { get; set; }
    public List<TeamMember> Members { get; set; } = [];
}
