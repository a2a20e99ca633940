namespace Portal.Data.Entities;

/// <summary>A host's API token for scripting competitions: one per host, stored only as its SHA-256 hash, rotatable.</summary>
public sealed class HostToken
{
    public int Id { get; set; }

    /// <summary>The host account the token acts for (an ASP.NET Core Identity user id).</summary>
    public string UserId { get; set; } = "";

    /// <summary>SHA-256 of the token (hex); the token itself is shown once and never stored.</summary>
    public string TokenHash { get; set; } = "";

    /// <summary>The first characters of the token, to recognise it.</summary>
    public string TokenPrefix { get; set; } = "";

    public DateTime CreatedAtUtc { get; set; }
}
